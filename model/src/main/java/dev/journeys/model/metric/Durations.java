package dev.journeys.model.metric;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and writes the short durations of options and column names: {@code 90s}, {@code 15m}, {@code 24h}, {@code 7d}, {@code 2w}. */
public final class Durations {

  private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*([smhdw])");

  private Durations() {}

  /** Parses {@code 30d}, {@code 24h}, ... or an ISO-8601 duration such as {@code PT36H}. */
  public static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("Cannot read duration: it is empty (expected e.g. 30d, 24h, 15m)");
    }
    String trimmed = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = SHORT.matcher(trimmed);
    if (m.matches()) {
      long amount = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        case "d" -> Duration.ofDays(amount);
        default -> Duration.ofDays(7 * amount);
      };
    }
    try {
      return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "Cannot read duration '" + text + "': expected a number and a unit (s, m, h, d, w), e.g. 30d or 24h");
    }
  }

  /** Parses as {@link #parse} does, and refuses a duration of zero or less (a window or a silence must last). */
  public static Duration positive(String text) {
    Duration d = parse(text);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException("expected a duration longer than zero, got '" + text.trim() + "'");
    }
    return d;
  }

  /** The shortest exact label: 7d, 24h, 90m, 45s. */
  public static String label(Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds % 86_400 == 0) {
      return seconds / 86_400 + "d";
    }
    if (seconds % 3_600 == 0) {
      return seconds / 3_600 + "h";
    }
    if (seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }

  public static long micros(Duration duration) {
    return Math.multiplyExact(duration.getSeconds(), 1_000_000L) + duration.getNano() / 1_000L;
  }
}
