package dev.journeys.model.event;

import java.util.Comparator;

/** The order of events inside a customer: timestamp, then source order, then sequence in the source. */
public final class EventOrder {

  /** Orders one customer's events; equal timestamps keep file order. */
  public static final Comparator<Event> IN_CUSTOMER =
      Comparator.comparing(Event::ts)
          .thenComparingInt(Event::sourceOrder)
          .thenComparingLong(Event::seq);

  /** Orders one customer's events case by case, as journeys per case need them. */
  public static final Comparator<Event> IN_CASE =
      Comparator.comparing((Event e) -> e.caseId() == null ? "" : e.caseId()).thenComparing(IN_CUSTOMER);

  private EventOrder() {}
}
