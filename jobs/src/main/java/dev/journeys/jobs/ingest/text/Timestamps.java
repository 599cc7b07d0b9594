package dev.journeys.jobs.ingest.text;

import dev.journeys.model.event.Micros;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * Reads the timestamps event logs carry: ISO-8601 with {@code T} or a space, any fraction of a second,
 * an offset ({@code Z}, {@code +01:00}, {@code +0100}, {@code +01}) or none (then the source's zone),
 * or a date alone (midnight); epoch numbers; or a pattern the user gives.
 */
public final class Timestamps {

  private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
      .parseCaseInsensitive()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .optionalStart()
      .optionalStart().appendLiteral('T').optionalEnd()
      .optionalStart().appendLiteral(' ').optionalEnd()
      .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2)
      .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .optionalStart().appendLiteral(' ').optionalEnd()
      .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
      .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
      .optionalStart().appendOffset("+HH", "Z").optionalEnd()
      .optionalStart().appendLiteral("UTC").optionalEnd()
      .optionalEnd()
      .toFormatter();

  private Timestamps() {}

  /** A formatter for a user's pattern; throws {@link IllegalArgumentException} naming the pattern. */
  public static DateTimeFormatter formatter(String pattern) {
    try {
      return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern).toFormatter(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot use timestamp format '" + pattern + "': " + e.getMessage());
    }
  }

  /** Microseconds since the epoch: ISO-8601 or epoch seconds, milliseconds or microseconds. */
  public static long parseMicros(String text, ZoneId zone) {
    return parseMicros(text, zone, null);
  }

  /**
   * Microseconds since the epoch, read with {@code format} when given, else as ISO-8601 or as epoch
   * seconds (up to 11 digits), milliseconds (12 to 14) or microseconds (15 to 17). Throws
   * {@link IllegalArgumentException} naming the value when unreadable.
   */
  public static long parseMicros(String text, ZoneId zone, DateTimeFormatter format) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("timestamp is empty");
    }
    String value = text.trim();
    if (format == null && EPOCH.matcher(value).matches()) {
      return epochMicros(value);
    }
    try {
      TemporalAccessor t = (format != null ? format : FORMAT).parse(value);
      LocalDate date = LocalDate.from(t);
      LocalTime time = t.isSupported(ChronoField.HOUR_OF_DAY) ? LocalTime.from(t) : LocalTime.MIDNIGHT;
      LocalDateTime local = LocalDateTime.of(date, time);
      if (t.isSupported(ChronoField.OFFSET_SECONDS)) {
        return Micros.of(local.toInstant(ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS))));
      }
      if (value.toUpperCase(Locale.ROOT).endsWith("UTC")) {
        return Micros.of(local.toInstant(ZoneOffset.UTC));
      }
      return Micros.of(local.atZone(zone).toInstant());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("cannot read timestamp '" + value + "' (expected "
          + (format != null ? "the format given by --timestamp-format" : "ISO-8601 such as 2026-03-01T09:00:00Z or "
          + "2026-03-01 09:00:00+01:00, or epoch seconds or milliseconds") + ")");
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException("cannot read timestamp '" + value + "': " + e.getMessage());
    }
  }

  private static final java.util.regex.Pattern EPOCH = java.util.regex.Pattern.compile("\\d{1,17}(\\.\\d{1,6})?");

  private static long epochMicros(String value) {
    int dot = value.indexOf('.');
    String whole = dot < 0 ? value : value.substring(0, dot);
    int digits = whole.length();
    if (digits <= 11) {
      long micros = Math.multiplyExact(Long.parseLong(whole), 1_000_000L);
      if (dot >= 0) {
        String fraction = (value.substring(dot + 1) + "000000").substring(0, 6);
        micros += Long.parseLong(fraction);
      }
      return micros;
    }
    if (dot >= 0) {
      throw new IllegalArgumentException("cannot read timestamp '" + value + "': a fraction only goes with epoch seconds");
    }
    if (digits <= 14) {
      return Math.multiplyExact(Long.parseLong(whole), 1_000L);
    }
    return Long.parseLong(whole);
  }
}
