package dev.journeys.model.journey;

import java.util.Locale;

/**
 * A journey's fate, judged at the cut-off: converted (reached a goal), dropped (no goal and silent
 * for longer than the inactivity at the cut-off), pending (no goal, still within the inactivity),
 * or unjudged when no goal is configured.
 */
public enum Fate {
  CONVERTED,
  DROPPED,
  PENDING,
  UNJUDGED;

  /** Converted and dropped journeys are decided; only they enter drop-off denominators. */
  public boolean isDecided() {
    return this == CONVERTED || this == DROPPED;
  }

  /** The fate a table names {@code label} ({@link #label()}). */
  public static Fate of(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }

  /** The lower-case name used in tables and files. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
