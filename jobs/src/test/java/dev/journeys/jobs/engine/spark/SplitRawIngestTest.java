package dev.journeys.jobs.engine.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.jobs.config.ConfigFile;
import dev.journeys.jobs.io.Progress;
import dev.journeys.jobs.run.RunJob;
import dev.journeys.jobs.support.SparkTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large uncompressed raw exports (JSON lines, an access log, a CSV export) are read by several tasks in byte ranges,
 * with exactly what one task per file reads: the same events and sequence numbers, quarantined lines, records without
 * a key, duplicates and customers.
 */
class SplitRawIngestTest {

  @TempDir
  Path dir;
  Path config;

  @BeforeEach
  void writeExports() throws IOException {
    StringBuilder segment = new StringBuilder("\uFEFF");
    for (int i = 0; i < 900; i++) {
      String end = i % 3 == 0 ? "\r\n" : "\n";
      String user = "u-" + (i % 97);
      String call = switch (i % 13) {
        case 1 -> "{\"type\":\"identify\",\"anonymousId\":\"a-" + (i % 131) + "\",\"userId\":\"" + user + "\","
            + "\"timestamp\":\"2026-03-01T09:00:00Z\",\"messageId\":\"m" + i + "\"}";
        case 4 -> "{\"type\":\"page\",\"name\":\"Rates\",\"anonymousId\":\"a-" + (i % 131) + "\",\"timestamp\":"
            + "\"2026-03-01T09:" + String.format("%02d", i % 60) + ":00Z\",\"messageId\":\"p" + i + "\"}{\"type\":"
            + "\"track\",\"event\":\"Two On A Line\",\"anonymousId\":\"a-" + (i % 131) + "\",\"timestamp\":"
            + "\"2026-03-01T10:00:00Z\",\"messageId\":\"t" + i + "\"}";
        case 6 -> "{\"type\":\"track\",\"event\":\"Cut Off\",\"userId\":";
        case 8 -> "";
        case 9 -> "{\"type\":\"track\",\"event\":\"No Key\",\"timestamp\":\"2026-03-01T09:00:00Z\",\"messageId\":"
            + "\"n" + i + "\"}";
        case 11 -> "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"" + user + "\",\"timestamp\":"
            + "\"2026-03-02T10:00:00Z\",\"messageId\":\"dup-" + (i % 5) + "\"}";
        default -> "{\"type\":\"track\",\"event\":\"Step " + (i % 7) + "\",\"userId\":\"" + user + "\","
            + "\"timestamp\":\"2026-03-01T" + String.format("%02d:%02d", 10 + i % 9, i % 60) + ":00Z\",\"messageId\":"
            + "\"m" + i + "\"}";
      };
      segment.append(call).append(end);
    }
    Files.writeString(dir.resolve("segment.jsonl"), segment, StandardCharsets.UTF_8);

    StringBuilder access = new StringBuilder();
    for (int i = 0; i < 700; i++) {
      access.append(i % 50 == 7 ? "not an access log line"
          : "10.0.0." + (i % 23) + " - - [01/Mar/2026:11:" + String.format("%02d:%02d", i % 60, i % 59)
              + " +0000] \"GET /page/" + (i % 9) + "?q=secret HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0 (agent "
              + (i % 3) + ")\"").append(i % 4 == 0 ? "\r\n" : "\n");
    }
    Files.writeString(dir.resolve("access.log"), access, StandardCharsets.UTF_8);

    StringBuilder cases = new StringBuilder("Id,ContactId,Origin,Subject,CreatedDate\r\n");
    for (int i = 0; i < 500; i++) {
      String subject = switch (i % 7) {
        case 2 -> "\"two\nlines, and a comma\"";
        case 5 -> "\"a \"\"quoted\"\" word\"";
        default -> "plain";
      };
      cases.append("500").append(i).append(",003-").append(i % 41).append(',').append(i % 3 == 0 ? "Phone" : "Web")
          .append(',').append(subject).append(',').append(i % 61 == 0 ? "never" : "2026-03-0" + (1 + i % 5)
              + "T12:00:00.000Z").append(i % 2 == 0 ? "\r\n" : "\n");
      if (i % 100 == 0) {
        cases.append('\n');
      }
    }
    Files.writeString(dir.resolve("cases.csv"), cases, StandardCharsets.UTF_8);

    config = Files.writeString(dir.resolve("journeys.yaml"), """
        sources:
          - {path: segment.jsonl, format: segment}
          - {path: access.log, format: access-log}
          - {path: cases.csv, format: salesforce-case}
        journeys: {by: customer, goals: [web:order_completed]}
        ranking: {min-passages: 1}
        max-bad-rows-share: 0.5
        """);
  }

  /** Every row of a Parquet table of a run, every column, in a fixed order. */
  private static List<String> rows(SparkSession spark, Path out, String table) {
    org.apache.spark.sql.Dataset<Row> rows = dev.journeys.jobs.support.SparkTest.comparable(
        spark.read().parquet(out.resolve(table).toString()));
    return rows.orderBy(java.util.Arrays.stream(rows.columns()).map(org.apache.spark.sql.functions::col)
        .toArray(org.apache.spark.sql.Column[]::new)).collectAsList().stream().map(Row::toString).toList();
  }

  private record Outputs(List<String> events, List<String> quarantine, List<String> unattributed, String stitching) {}

  private Outputs run(String name, long splitBytes) throws IOException {
    SparkSession spark = SparkTest.spark();
    spark.conf().set(LogParts.SPLIT_BYTES, Long.toString(splitBytes));
    Path out = dir.resolve(name);
    try {
      Path named = Files.writeString(dir.resolve(name + ".yaml"), Files.readString(config) + "out: " + name + "\n");
      RunJob.run(spark, ConfigFile.read(named, null).withPseudonymise(false), Progress.silent());
    } finally {
      spark.conf().unset(LogParts.SPLIT_BYTES);
    }
    return new Outputs(rows(spark, out, "events"), rows(spark, out, "quarantine"), rows(spark, out, "unattributed"),
        Files.readString(out.resolve("stitching.json")));
  }

  @Test
  void rangesOfJsonLinesAnAccessLogAndACsvExportReadWhatOneTaskPerFileReads() throws IOException {
    Outputs whole = run("whole", Long.MAX_VALUE);
    assertThat(whole.events()).hasSizeGreaterThan(1_500).anyMatch(e -> e.contains("web:two_on_a_line"))
        .anyMatch(e -> e.contains("web:step_3")).anyMatch(e -> e.contains("crm:case_phone"));
    assertThat(whole.quarantine()).hasSizeGreaterThan(80).hasSizeLessThan(200);
    assertThat(whole.unattributed()).hasSizeGreaterThan(50);
    assertThat(whole.stitching()).contains("\"duplicates_dropped\"");
    for (long split : new long[] {4_000}) {
      Outputs ranges = run("split-" + split, split);
      assertThat(ranges).as("read in ranges of " + split + " bytes").isEqualTo(whole);
    }
  }
}
