package dev.journeys.jobs.ingest.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeys.model.event.Micros;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimestampsTest {

  @ParameterizedTest
  @CsvSource({
      "2026-03-01T09:00:00Z, 2026-03-01T09:00:00Z",
      "2026-03-01T10:00:00+01:00, 2026-03-01T09:00:00Z",
      "2026-03-01 10:00:00+0100, 2026-03-01T09:00:00Z",
      "2026-03-01 10:00:00.250000+01:00, 2026-03-01T09:00:00.250Z",
      "2011-10-11T13:45:40.276+02:00, 2011-10-11T11:45:40.276Z",
      "2026-03-01 09:00:00, 2026-03-01T09:00:00Z",
      "2026-03-01T09:00, 2026-03-01T09:00:00Z",
      "2026-03-01, 2026-03-01T00:00:00Z",
      "2026-03-01 09:00:00 UTC, 2026-03-01T09:00:00Z"})
  void readsIsoTimestamps(String text, String expected) {
    assertThat(Micros.toInstant(Timestamps.parseMicros(text, ZoneId.of("UTC")))).isEqualTo(Instant.parse(expected));
  }

  @ParameterizedTest
  @CsvSource({"2026-03-01 10:00:00, Europe/Amsterdam, 2026-03-01T09:00:00Z"})
  void appliesTheSourceZoneWhenThereIsNoOffset(String text, String zone, String expected) {
    assertThat(Micros.toInstant(Timestamps.parseMicros(text, ZoneId.of(zone)))).isEqualTo(Instant.parse(expected));
  }

  @ParameterizedTest
  @CsvSource({"01/03/2026", "2026-13-01", "tomorrow"})
  void rejectsOtherFormatsNamingTheValue(String text) {
    assertThatThrownBy(() -> Timestamps.parseMicros(text, ZoneId.of("UTC")))
        .hasMessageContaining("'" + text + "'");
  }

  @ParameterizedTest
  @CsvSource({
      "1772355600, 2026-03-01T09:00:00Z",
      "1772355600.25, 2026-03-01T09:00:00.250Z",
      "1772355600123, 2026-03-01T09:00:00.123Z",
      "1772355600123456, 2026-03-01T09:00:00.123456Z"})
  void readsEpochSecondsMillisAndMicros(String text, String expected) {
    assertThat(Micros.toInstant(Timestamps.parseMicros(text, ZoneId.of("UTC")))).isEqualTo(Instant.parse(expected));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "01/03/2026 10:00 | dd/MM/yyyy HH:mm | Europe/Amsterdam | 2026-03-01T09:00:00Z",
      "2026-03-01 10:00:00+01:00 | yyyy-MM-dd HH:mm:ssXXX | UTC | 2026-03-01T09:00:00Z"})
  void readsAUserPattern(String text, String pattern, String zone, String expected) {
    assertThat(Micros.toInstant(Timestamps.parseMicros(text, ZoneId.of(zone), Timestamps.formatter(pattern))))
        .isEqualTo(Instant.parse(expected));
  }

  @org.junit.jupiter.api.Test
  void aUserPatternThatDoesNotFitNamesTheValue() {
    assertThatThrownBy(() -> Timestamps.parseMicros("2026-03-01", ZoneId.of("UTC"), Timestamps.formatter("dd/MM/yyyy")))
        .hasMessageContaining("'2026-03-01'").hasMessageContaining("--timestamp-format");
    assertThatThrownBy(() -> Timestamps.formatter("dd/MM/yyyy qqqqqq"))
        .hasMessageContaining("cannot use timestamp format 'dd/MM/yyyy qqqqqq'");
  }
  /** What {@link Timestamps#parseMicros} returns or the message it throws, to compare two readings. */
  private static String outcome(java.util.concurrent.Callable<Long> read) {
    try {
      return "ok " + read.call();
    } catch (Exception e) {
      return "error " + e.getMessage();
    }
  }

  @org.junit.jupiter.api.Test
  void readsPlainIsoValuesWithoutTheFormatterExactlyAsTheFormatterDoes() {
    java.util.List<String> values = new java.util.ArrayList<>(java.util.List.of(
        "2026-02-28T23:59:59Z", "2026-02-29T10:00:00Z", "2024-02-29T10:00:00Z", "2026-02-30 10:00", "2026-04-31",
        "2026-03-29T02:30:00", "2026-10-25 02:30:00", "2026-03-01T24:00:00Z", "2026-03-01T23:60", "2026-03-01T10:00:60Z",
        "2026-03-01t10:00:00z", "2026-03-01T10:00:00 Z", "2026-03-01T10:00:00+18:00", "2026-03-01T10:00:00+18:01",
        "2026-03-01T10:00:00+19", "2026-03-01T10:00:00-00:00", "2026-03-01T10:00:00-0530", "2026-03-01T10:00:00+05",
        "2026-03-01T10:00:00+5", "2026-03-01T10:00:00+05:3", "2026-03-01T10:00:00.", "2026-03-01T10:00:00.1234567891",
        "2026-03-01T10:00:00.123456789Z", "2026-03-01T10:00:00.000001+01:00", "2026-03-01 10:00 utc",
        "2026-03-01 10:00UTC", "2026-03-01T10:00:00ZUTC", "2026-03-01T10", "2026-03-01T", "2026-03-01 ", "2026-3-01",
        "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2026-00-10", "2026-03-00", "2026-03-01T1a:00",
        "2026-03-01T10:00:00+01:00:00", "2026-03-01T10:00:00 +01:00", "2026-03-01T10:00:00  Z", "2026-03-01X10:00",
        "2026-03-01T10:00.5", "2026-03-01T10:00:00,5Z", "+2026-03-01", "2026-03-01T10:00:00GMT"));
    java.util.Random random = new java.util.Random(17);
    for (int k = 0; k < 5_000; k++) {
      values.add(String.format(java.util.Locale.ROOT, "%04d-%02d-%02d%s%02d:%02d%s%s", random.nextInt(3000),
          random.nextInt(14), random.nextInt(33), new String[] {"T", " ", "t"}[random.nextInt(3)], random.nextInt(26),
          random.nextInt(62), random.nextBoolean() ? String.format(java.util.Locale.ROOT, ":%02d", random.nextInt(62)) : "",
          new String[] {"", "Z", "+01:00", "-0330", "+14", " UTC", ".5Z", ".123456", "+19:00"}[random.nextInt(9)]));
    }
    for (String zone : new String[] {"UTC", "Europe/Amsterdam", "America/St_Johns"}) {
      ZoneId z = ZoneId.of(zone);
      for (String v : values) {
        assertThat(outcome(() -> Timestamps.parseMicros(v, z))).as(v + " in " + zone)
            .isEqualTo(outcome(() -> Timestamps.parsed(v.trim(), z, null)));
      }
    }
  }
}
