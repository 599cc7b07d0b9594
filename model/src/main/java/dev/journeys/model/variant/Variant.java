package dev.journeys.model.variant;

import java.util.List;

/**
 * A variant is a distinct touchpoint sequence of journeys, with how many journeys follow it and how
 * they ended. Shares are out of all journeys of the variant (converted, dropped) or of the run (share).
 */
public record Variant(
    int rank,
    List<String> touchpoints,
    long journeys,
    double share,
    double cumulativeShare,
    Double convertedShare,
    Double droppedShare,
    double medianDurationSeconds) {

  public static final String SEPARATOR = " → ";

  public Variant {
    touchpoints = List.copyOf(touchpoints);
  }

  /** The sequence joined with {@value #SEPARATOR}, as in {@code variants.csv}. */
  public String sequence() {
    return String.join(SEPARATOR, touchpoints);
  }
}
