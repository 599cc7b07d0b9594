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
    if (format == null) {
      if (value.length() >= 10 && value.charAt(4) == '-') {
        long fast = iso(value, zone);
        if (fast != NOT_PLAIN) {
          return fast;
        }
      } else if (EPOCH.matcher(value).matches()) {
        return epochMicros(value);
      }
    }
    return parsed(value, zone, format);
  }

  /** {@link #parseMicros} without the fast path: the formatter's reading, which the fast path must equal. */
  static long parsed(String value, ZoneId zone, DateTimeFormatter format) {
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

  /** What {@link #iso} returns for a value it leaves to the formatter. */
  static final long NOT_PLAIN = Long.MIN_VALUE;

  /**
   * The plain ISO-8601 forms logs hold, read without the formatter (whose optional sections cost a map copy
   * each): {@code yyyy-MM-dd}, then {@code T}, {@code t} or a space and {@code HH:mm}, optionally {@code :ss} and
   * a fraction of 1 to 9 digits, then optionally a space and {@code Z}, {@code ±HH:MM}, {@code ±HHMM}, {@code ±HH}
   * or {@code UTC}. Only values that are valid as written (no 24:00, no 30 February, no offset beyond 18 hours)
   * are read here; anything else returns {@link #NOT_PLAIN}, and the formatter reads it or says why it cannot.
   */
  static long iso(String v, ZoneId zone) {
    int n = v.length();
    int year = digits(v, 0, 4);
    int month = digits(v, 5, 2);
    if (n < 10 || year < 0 || month < 1 || month > 12 || v.charAt(7) != '-') {
      return NOT_PLAIN;
    }
    int day = digits(v, 8, 2);
    if (day < 1 || day > java.time.Month.of(month).length(java.time.Year.isLeap(year))) {
      return NOT_PLAIN;
    }
    if (n == 10) {
      return Micros.of(LocalDate.of(year, month, day).atStartOfDay(zone).toInstant());
    }
    char sep = v.charAt(10);
    if (sep != 'T' && sep != 't' && sep != ' ' || n < 16 || v.charAt(13) != ':') {
      return NOT_PLAIN;
    }
    int hour = digits(v, 11, 2);
    int minute = digits(v, 14, 2);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
      return NOT_PLAIN;
    }
    int i = 16;
    int second = 0;
    int nano = 0;
    if (i < n && v.charAt(i) == ':') {
      second = i + 3 <= n ? digits(v, i + 1, 2) : -1;
      if (second < 0 || second > 59) {
        return NOT_PLAIN;
      }
      i += 3;
      if (i < n && v.charAt(i) == '.') {
        int start = ++i;
        while (i < n && i - start < 10 && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
          nano = nano * 10 + (v.charAt(i) - '0');
          i++;
        }
        int count = i - start;
        if (count == 0 || count > 9) {
          return NOT_PLAIN;
        }
        for (int k = count; k < 9; k++) {
          nano *= 10;
        }
      }
    }
    LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second, nano);
    if (i == n) {
      return Micros.of(local.atZone(zone).toInstant());
    }
    if (v.charAt(i) == ' ') {
      i++;
    }
    int offset = offsetSeconds(v, i);
    return offset == Integer.MIN_VALUE ? NOT_PLAIN : Micros.of(local.toInstant(ZoneOffset.ofTotalSeconds(offset)));
  }

  /** The offset {@code v} ends with from {@code i} ({@code Z}, {@code UTC}, {@code ±HH:MM}, {@code ±HHMM}, {@code ±HH}). */
  private static int offsetSeconds(String v, int i) {
    int rest = v.length() - i;
    if (rest == 1 && (v.charAt(i) == 'Z' || v.charAt(i) == 'z')) {
      return 0;
    }
    if (rest == 3 && v.regionMatches(true, i, "UTC", 0, 3)) {
      return 0;
    }
    if (rest < 3 || v.charAt(i) != '+' && v.charAt(i) != '-') {
      return Integer.MIN_VALUE;
    }
    int hours = digits(v, i + 1, 2);
    int minutes = rest == 3 ? 0 : rest == 6 && v.charAt(i + 3) == ':' ? digits(v, i + 4, 2)
        : rest == 5 ? digits(v, i + 3, 2) : -1;
    if (hours < 0 || minutes < 0 || minutes > 59 || hours > 18 || hours == 18 && minutes > 0) {
      return Integer.MIN_VALUE;
    }
    int seconds = hours * 3600 + minutes * 60;
    return v.charAt(i) == '-' ? -seconds : seconds;
  }

  /** The number {@code count} ASCII digits at {@code from} make, or -1. */
  private static int digits(String v, int from, int count) {
    if (from + count > v.length()) {
      return -1;
    }
    int value = 0;
    for (int k = from; k < from + count; k++) {
      char c = v.charAt(k);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
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
