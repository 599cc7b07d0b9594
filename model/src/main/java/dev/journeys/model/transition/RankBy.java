package dev.journeys.model.transition;

import dev.journeys.model.metric.RateCount;
import java.util.Locale;

/** The key a ranked table sorts by, worst first. */
public enum RankBy {
  /** The Wilson lower bound of the rate: at least this bad, with 95% confidence. */
  LOWER_BOUND,
  /** Excess events: counted passages × (rate − baseline rate of all passages). */
  IMPACT,
  /** The raw rate. */
  RATE;

  public static RankBy parse(String text) {
    for (RankBy value : values()) {
      if (value.label().equalsIgnoreCase(text.trim())) {
        return value;
      }
    }
    throw new IllegalArgumentException("Unknown rank key '" + text + "': expected lower-bound, impact or rate");
  }

  /** The score of {@code rate} (with a total) by this key, worst highest; {@code baselineRate} serves impact. */
  public double score(RateCount rate, double baselineRate) {
    return switch (this) {
      case LOWER_BOUND -> rate.lower();
      case RATE -> rate.rate();
      case IMPACT -> rate.total() * (rate.rate() - baselineRate);
    };
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
