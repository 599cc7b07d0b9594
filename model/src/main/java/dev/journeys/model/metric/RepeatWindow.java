package dev.journeys.model.metric;

import java.io.Serializable;
import java.time.Duration;

/**
 * A repeat window W is how soon after a passage a repeat contact counts against it; its label
 * ({@code 7d}) names the window's columns, e.g. {@code repeat_contact_rate_7d}.
 */
public record RepeatWindow(Duration length) implements Serializable {

  public RepeatWindow {
    if (length == null || length.isNegative() || length.isZero()) {
      throw new IllegalArgumentException("Cannot create repeat window: length must be positive, got " + length);
    }
  }

  public static RepeatWindow parse(String text) {
    return new RepeatWindow(Durations.parse(text));
  }

  public String label() {
    return Durations.label(length);
  }

  public long micros() {
    return Durations.micros(length);
  }
}
