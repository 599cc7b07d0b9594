package dev.journeys.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeys.jobs.RunConfig;
import dev.journeys.jobs.RunJob;
import dev.journeys.jobs.report.Progress;
import dev.journeys.jobs.support.SparkTest;
import dev.journeys.model.journey.JourneyRules;
import dev.journeys.model.transition.RankBy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing is silently dropped: unreadable rows go to quarantine, and too many of them fail the run. */
class BadInputTest {

  @TempDir Path dir;

  static final String LOG = """
      case_id,activity,timestamp
      c1,web:a,2026-03-01T09:00:00Z
      c1,web:b,2026-03-01T09:05:00Z
      c1,web:c,31/02/2026
      ,web:d,2026-03-01T09:07:00Z
      c2,web:a,2026-03-01T10:00:00Z
      c2,web:b,2026-03-01T10:01:00Z
      """;

  RunConfig config(List<String> inputs, double maxBadShare) {
    return new RunConfig(inputs, dir.resolve("out").toString(), ReadOptions.defaults(),
        JourneyRules.defaults().withPerCase(true), null, RankBy.LOWER_BOUND, 1, maxBadShare, 10);
  }

  @Test
  void quarantinesUnreadableRowsWithFileLineAndReason() throws IOException {
    Path log = Files.writeString(dir.resolve("log.csv"), LOG);

    RunJob.Result result = RunJob.run(SparkTest.spark(), config(List.of(log.toString()), 0.5), Progress.silent());

    assertThat(result.ingest().eventsRead()).isEqualTo(4);
    assertThat(result.ingest().quarantined()).isEqualTo(2);
    List<String> quarantine = Files.readAllLines(dir.resolve("out/quarantine.csv"));
    assertThat(quarantine).hasSize(3);
    assertThat(quarantine.get(0)).isEqualTo("source,file,line,reason,raw");
    assertThat(quarantine.get(1)).contains("log.csv", ",4,", "cannot read timestamp '31/02/2026'", "c1,web:c,31/02/2026");
    assertThat(quarantine.get(2)).contains(",5,empty case_id,");
    assertThat(Files.readString(dir.resolve("out/manifest.json"))).contains("\"quarantined_rows\" : 2");
  }

  @Test
  void failsAboveTheBadRowShareNamingTheQuarantineAndLeavesNoManifest() throws IOException {
    Path log = Files.writeString(dir.resolve("log.csv"), LOG);

    assertThatThrownBy(() -> RunJob.run(SparkTest.spark(), config(List.of(log.toString()), 0.01), Progress.silent()))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("2 of 6 rows (33.33%) could not be read")
        .hasMessageContaining("--max-bad-rows-share 1.00%")
        .hasMessageContaining("quarantine.csv");
    assertThat(dir.resolve("out/manifest.json")).doesNotExist();
    assertThat(dir.resolve("out/quarantine.csv")).exists();
  }

  @Test
  void namesAMissingInputFile() {
    String missing = dir.resolve("nope.xes").toString();
    assertThatThrownBy(() -> RunJob.run(SparkTest.spark(), config(List.of(missing), 0.01), Progress.silent()))
        .isInstanceOf(InputException.class)
        .hasMessage("Cannot read input " + missing + ": no such file or folder");
  }

  @Test
  void namesAMissingColumn() throws IOException {
    Path log = Files.writeString(dir.resolve("log.csv"), "case,activity,timestamp\nc1,a,2026-03-01\n");
    assertThatThrownBy(() -> RunJob.run(SparkTest.spark(), config(List.of(log.toString()), 0.01), Progress.silent()))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("log.csv: column 'case_id' not found; the header has: case, activity, timestamp");
  }

  @Test
  void quarantinesAMalformedXesElement() throws IOException {
    Path log = Files.writeString(dir.resolve("log.xes"), """
        <log><trace><string key="concept:name" value="c"/>
          <event><string key="concept:name" value="a"/><date key="time:timestamp" value="2026-03-01T09:00:00Z"/></event>
          <event><string key="concept:name" value="b"/><date key="time:timestamp" value="2026-03-01T09:01:00Z"/></event>
          <event><string key="concept:name" value="c"/><date key="time:timestamp" value="soon"/></event>
        </trace></log>
        """);
    RunJob.Result result = RunJob.run(SparkTest.spark(), config(List.of(log.toString()), 0.5), Progress.silent());
    assertThat(result.ingest().quarantined()).isEqualTo(1);
    assertThat(Files.readAllLines(dir.resolve("out/quarantine.csv")).get(1)).contains("log.xes", ",4,", "'soon'");
  }

  @Test
  void quarantinesWhereATruncatedGzipBreaksOffAndKeepsWhatCameBefore() throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bytes)) {
      gz.write("case_id,activity,timestamp\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      for (int i = 0; i < 20_000; i++) {
        gz.write(("c" + Long.toHexString(i * 0x9E3779B97F4A7C15L) + ",web:a,2026-03-01T09:00:00Z\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    byte[] all = bytes.toByteArray();
    Path log = Files.write(dir.resolve("log.csv.gz"), java.util.Arrays.copyOf(all, all.length * 2 / 3));

    RunJob.Result result = RunJob.run(SparkTest.spark(), config(List.of(log.toString()), 0.5), Progress.silent());

    assertThat(result.ingest().eventsRead()).isGreaterThan(5_000).isLessThan(20_000);
    assertThat(result.ingest().quarantined()).isEqualTo(1);
    assertThat(Files.readAllLines(dir.resolve("out/quarantine.csv")).get(1))
        .contains("log.csv.gz", "cannot read the rest of the file");
  }

  @Test
  void aCutoffBeforeEveryEventIsAnInputError() throws IOException {
    Path log = Files.writeString(dir.resolve("log.csv"), LOG);
    RunConfig early = new RunConfig(List.of(log.toString()), dir.resolve("out").toString(), ReadOptions.defaults(),
        JourneyRules.defaults().withPerCase(true), java.time.Instant.parse("2000-01-01T00:00:00Z"), RankBy.LOWER_BOUND,
        1, 0.5, 10);
    assertThatThrownBy(() -> RunJob.run(SparkTest.spark(), early, Progress.silent()))
        .isInstanceOf(InputException.class)
        .hasMessage("No event lies at or before the cut-off 2000-01-01T00:00:00Z: all 4 events are later "
            + "(the first is at 2026-03-01T09:00:00Z)");
  }
}
