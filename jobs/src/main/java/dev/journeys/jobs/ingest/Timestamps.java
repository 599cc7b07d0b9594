package dev.journeys.jobs.ingest;

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

/**
 * Reads the timestamps event logs carry: ISO-8601 with {@code T} or a space, any fraction of a second,
 * an offset ({@code Z}, {@code +01:00}, {@code +0100}, {@code +01}) or none (then the source's zone),
 * or a date alone (midnight).
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

  /** Microseconds since the epoch; throws {@link IllegalArgumentException} naming the value when unreadable. */
  public static long parseMicros(String text, ZoneId zone) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("timestamp is empty");
    }
    String value = text.trim();
    try {
      TemporalAccessor t = FORMAT.parse(value);
      LocalDate date = LocalDate.from(t);
      LocalTime time = t.isSupported(ChronoField.HOUR_OF_DAY) ? LocalTime.from(t) : LocalTime.MIDNIGHT;
      LocalDateTime local = LocalDateTime.of(date, time);
      if (t.isSupported(ChronoField.OFFSET_SECONDS)) {
        return Micros.of(local.toInstant(ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS))));
      }
      if (value.toUpperCase(java.util.Locale.ROOT).endsWith("UTC")) {
        return Micros.of(local.toInstant(ZoneOffset.UTC));
      }
      return Micros.of(local.atZone(zone).toInstant());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("cannot read timestamp '" + value
          + "' (expected ISO-8601 such as 2026-03-01T09:00:00Z or 2026-03-01 09:00:00+01:00)");
    }
  }
}
