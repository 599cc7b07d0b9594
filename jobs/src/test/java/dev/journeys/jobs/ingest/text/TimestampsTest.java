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
}
