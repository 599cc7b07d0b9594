package dev.journeys.model.journey;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A journey is one customer's ordered events between two cuts, with the fate judged at the cut-off.
 *
 * @param customerId  the customer
 * @param index       the journey's position among the customer's journeys, from 0
 * @param caseId      the case it was built from, when journeys are per case; else null
 * @param start       the first event's time
 * @param end         the last event's time
 * @param fate        converted, dropped, pending or unjudged
 * @param touchpoints the touchpoint of each event, in order: the journey's variant
 * @param stage       its first event's stage, which judged it; null without stages
 */
public record Journey(String customerId, int index, String caseId, Instant start, Instant end, Fate fate,
    List<String> touchpoints, String stage) {

  public Journey {
    touchpoints = List.copyOf(touchpoints);
  }

  /** A journey of a run without stages. */
  public Journey(String customerId, int index, String caseId, Instant start, Instant end, Fate fate,
      List<String> touchpoints) {
    this(customerId, index, caseId, start, end, fate, touchpoints, null);
  }

  public int events() {
    return touchpoints.size();
  }

  public Duration duration() {
    return Duration.between(start, end);
  }

  /** The variant: the touchpoint sequence. */
  public List<String> variant() {
    return touchpoints;
  }
}
