package dev.journeys.model.metric;

import java.io.Serializable;
import java.time.Duration;

/**
 * A repeat window W is how soon after a passage a repeat contact counts against it; its label
 * ({@code 7d}, as the user wrote it) names the window's columns, e.g. {@code repeat_contact_rate_7d}.
 */
public record RepeatWindow(Duration length, String label) implements Serializable {

  public RepeatWindow {
    if (length == null || length.isNegative() || length.isZero()) {
      throw new IllegalArgumentException("Cannot create repeat window: length must be positive, got " + length);
    }
    if (label == null || label.isBlank()) {
      label = Durations.label(length);
    }
  }

  public RepeatWindow(Duration length) {
    this(length, null);
  }

  /** Parses {@code 24h}, {@code 7d}, ...; the label keeps the user's unit. */
  public static RepeatWindow parse(String text) {
    Duration length = Durations.positive(text);
    String compact = text.trim().toLowerCase(java.util.Locale.ROOT).replace(" ", "");
    return new RepeatWindow(length, compact.matches("\\d+[smhdw]") ? compact : null);
  }

  public long micros() {
    return Durations.micros(length);
  }
}
