package dev.journeys.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeys.jobs.config.RunConfig;
import dev.journeys.jobs.io.Progress;
import dev.journeys.jobs.run.RunJob;
import dev.journeys.jobs.run.RunResult;
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

    RunResult result = RunJob.run(SparkTest.spark(), config(List.of(log.toString()), 0.5), Progress.silent());

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
    assertThat(dir.resolve("out/_unfinished-run/quarantine.csv")).exists(); // the failed run's, for inspection
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
    RunResult result = RunJob.run(SparkTest.spark(), config(List.of(log.toString()), 0.5), Progress.silent());
    assertThat(result.ingest().quarantined()).isEqualTo(1);
    assertThat(Files.readAllLines(dir.resolve("out/quarantine.csv")).get(1)).contains("log.xes", ",4,", "'soon'");
  }

  /** A gzipped CSV of 20,000 rows, cut at two thirds of its compressed bytes. */
  private Path truncatedGzip() throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bytes)) {
      gz.write("case_id,activity,timestamp\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      for (int i = 0; i < 20_000; i++) {
        gz.write(("c" + Long.toHexString(i * 0x9E3779B97F4A7C15L) + ",web:a,2026-03-01T09:00:00Z\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    byte[] all = bytes.toByteArray();
    return Files.write(dir.resolve("log.csv.gz"), java.util.Arrays.copyOf(all, all.length * 2 / 3));
  }

  @Test
  void aTruncatedGzipFailsTheRunNamingTheFileAndWhereItEnds() throws IOException {
    Path log = truncatedGzip();
    assertThatThrownBy(() -> RunJob.run(SparkTest.spark(), config(List.of(log.toString()), 0.5), Progress.silent()))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("1 input ends early")
        .hasMessageContaining(log.toString())
        .hasMessageContaining("the compressed data ends early")
        .hasMessageContaining("--accept-truncated");
    assertThat(dir.resolve("out/manifest.json")).doesNotExist();
  }

  @Test
  void aTruncatedGzipIsAnalysedAsFarAsItWentWhenAccepted() throws IOException {
    Path log = truncatedGzip();
    RunResult result = RunJob.run(SparkTest.spark(),
        config(List.of(log.toString()), 0.01).withLeniency(true, false), Progress.silent());

    assertThat(result.ingest().eventsRead()).isGreaterThan(5_000).isLessThan(20_000);
    assertThat(result.ingest().quarantined()).isEqualTo(1);
    assertThat(result.ingest().breaks()).singleElement().satisfies(b -> assertThat(b.endsEarly()).isTrue());
    assertThat(Files.readAllLines(dir.resolve("out/quarantine.csv")).get(1))
        .contains("log.csv.gz", "the file ends early after");
    assertThat(Files.readString(dir.resolve("out/manifest.json"))).contains("\"files_broken_off\" : 1",
        "(accepted: --accept-truncated)");
  }

  @Test
  void aTruncatedRawExportFailsTheRunToo() throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bytes)) {
      for (int i = 0; i < 5_000; i++) {
        gz.write(("{\"type\":\"track\",\"event\":\"Step " + (i % 7) + "\",\"anonymousId\":\"a" + i * 7919L
            + "\",\"timestamp\":\"2026-03-01T09:00:00Z\",\"messageId\":\"m" + i + "\"}\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    byte[] all = bytes.toByteArray();
    Files.write(dir.resolve("segment.jsonl.gz"), java.util.Arrays.copyOf(all, all.length / 2));
    Path config = Files.writeString(dir.resolve("journeys.yaml"), """
        sources: [{path: segment.jsonl.gz, format: segment}]
        journeys: {by: customer}
        identity: {pseudonymise: false}
        out: out
        """);
    assertThatThrownBy(() -> RunJob.run(SparkTest.spark(), dev.journeys.jobs.config.ConfigFile.read(config, null),
        Progress.silent()))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("segment.jsonl.gz: the file ends early after")
        .hasMessageContaining("--accept-truncated");
  }

  @Test
  void invalidUtf8InARawExportIsCountedAndNoted() throws IOException {
    Files.write(dir.resolve("segment.jsonl"), """
        {"type":"track","event":"Café visited","anonymousId":"a1","timestamp":"2026-03-01T09:00:00Z","messageId":"m1"}
        {"type":"track","event":"Order Completed","anonymousId":"a1","timestamp":"2026-03-01T09:05:00Z","messageId":"m2"}
        """.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    Path config = Files.writeString(dir.resolve("journeys.yaml"), """
        sources: [{path: segment.jsonl, format: segment}]
        journeys: {by: customer}
        identity: {pseudonymise: false}
        out: out
        """);
    RunResult result = RunJob.run(SparkTest.spark(), dev.journeys.jobs.config.ConfigFile.read(config, null),
        Progress.silent());
    assertThat(result.ingest().invalidUtf8()).containsEntry(dir.resolve("segment.jsonl").toString(), 1L);
    assertThat(Files.readString(dir.resolve("out/manifest.json"))).contains("\"invalid_utf8_sequences\" : 1");
  }

  @Test
  void aParquetEventInTheFutureIsQuarantinedAndLeavesTheCutOffAlone() throws IOException {
    java.util.List<org.apache.spark.sql.Row> rows = new java.util.ArrayList<>();
    String[][] events = {{"c1", "2026-03-01T09:00:00Z", "web:a"}, {"c1", "2026-03-01T09:05:00Z", "web:b"},
        {"c2", "2026-03-02T09:00:00Z", "web:a"}, {"c3", "9999-12-31T00:00:00Z", "web:a"}};
    for (String[] e : events) {
      rows.add(org.apache.spark.sql.RowFactory.create(e[0], java.sql.Timestamp.from(java.time.Instant.parse(e[1])), e[2]));
    }
    org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType()
        .add("customer_id", "string").add("ts", "timestamp").add("touchpoint", "string");
    SparkTest.spark().createDataFrame(rows, schema).coalesce(1).write().parquet(dir.resolve("events").toString());

    RunResult result = RunJob.run(SparkTest.spark(), config(List.of(dir.resolve("events").toString()), 0.5),
        Progress.silent());

    assertThat(result.journeys().cutoff()).isEqualTo(java.time.Instant.parse("2026-03-02T09:00:00Z"));
    assertThat(result.ingest().quarantined()).isEqualTo(1);
    assertThat(Files.readString(dir.resolve("out/quarantine.csv"))).contains("in the future: 9999-12-31T00:00:00");
  }

  @Test
  void anXesDocumentThatDoesNotCloseEndsEarly() throws IOException {
    String xes = Files.readString(SparkTest.data("running-example.xes"));
    Path log = Files.writeString(dir.resolve("log.xes"), xes.substring(0, xes.length() * 3 / 4));
    assertThatThrownBy(() -> RunJob.runLocal(config(List.of(log.toString()), 0.5), Progress.silent()))
        .isInstanceOf(InputException.class).hasMessageContaining("1 input ends early")
        .hasMessageContaining("log.xes");
  }

  @Test
  void malformedXmlInTheMiddleCountsTheRowsItLeftUnread() throws IOException {
    // 800 events, broken after about half: the rest counts as unreadable, estimated from the unread bytes.
    StringBuilder xes = new StringBuilder("<log>\n");
    for (int t = 0; t < 100; t++) {
      xes.append("<trace><string key=\"concept:name\" value=\"case").append(t).append("\"/>\n");
      for (int e = 0; e < 8; e++) {
        if (t == 50 && e == 0) {
          xes.append("<event><string key=\"concept:name\" value=\"unclosed\">\n");
        }
        xes.append("<event><string key=\"concept:name\" value=\"a").append(e)
            .append("\"/><date key=\"time:timestamp\" value=\"2026-03-01T09:0").append(e).append(":00Z\"/></event>\n");
      }
      xes.append("</trace>\n");
    }
    Path log = Files.writeString(dir.resolve("log.xes"), xes.append("</log>\n"));
    assertThatThrownBy(() -> RunJob.runLocal(config(List.of(log.toString()), 0.01), Progress.silent()))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("could not be read")
        .hasMessageContaining("estimated, after a file that broke off")
        .hasMessageContaining("malformed XML at line")
        .hasMessageContaining("reading stopped after 400 rows");
    RunResult lenient = RunJob.runLocal(config(List.of(log.toString()), 0.9), Progress.silent());
    assertThat(lenient.ingest().eventsRead()).isEqualTo(400);
    assertThat(lenient.ingest().estimatedUnreadRows()).isBetween(200L, 600L);
  }

  @Test
  void aCsvWhoseLastRecordIsCutEndsEarlyButOneWithoutAFinalLineBreakIsWhole() throws IOException {
    Path cut = Files.writeString(dir.resolve("cut.csv"), LOG.substring(0, LOG.length() - 12));
    assertThatThrownBy(() -> RunJob.runLocal(config(List.of(cut.toString()), 0.5), Progress.silent()))
        .isInstanceOf(InputException.class).hasMessageContaining("the file ends inside the record on line 7");
    Path whole = Files.writeString(dir.resolve("whole.csv"), LOG.strip());
    RunResult result = RunJob.runLocal(config(List.of(whole.toString()), 0.5), Progress.silent());
    assertThat(result.ingest().eventsRead()).isEqualTo(4);
    assertThat(result.ingest().breaks()).isEmpty();
  }

  @Test
  void invalidUtf8IsCountedPerFileAndQuarantinedInAKeyColumn() throws IOException {
    byte[] latin1 = """
        case_id,activity,timestamp,note
        c1,web:a,2026-03-01T09:00:00Z,fine
        c1,web:café,2026-03-01T09:05:00Z,fine
        c2,web:a,2026-03-01T10:00:00Z,naïve
        c2,web:b,2026-03-01T10:01:00Z,ok
        """.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    Path log = Files.write(dir.resolve("latin1.csv"), latin1);
    RunResult result = RunJob.runLocal(config(List.of(log.toString()), 0.5), Progress.silent());
    assertThat(result.ingest().invalidUtf8()).containsValue(2L);
    assertThat(result.ingest().quarantined()).isEqualTo(1);
    assertThat(Files.readString(dir.resolve("out/quarantine.csv"))).contains("invalid UTF-8 in activity");
    assertThat(Files.readString(dir.resolve("out/manifest.json"))).contains("\"invalid_utf8_sequences\" : 2",
        "2 malformed UTF-8 sequences");
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
