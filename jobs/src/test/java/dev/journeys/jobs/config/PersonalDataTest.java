package dev.journeys.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.jobs.io.Progress;
import dev.journeys.jobs.run.RunJob;
import dev.journeys.jobs.run.RunResult;
import dev.journeys.jobs.support.SparkTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * E-mail addresses, phone numbers and ids planted in URL paths and free-text event names never reach an
 * output of a pseudonymised run: not a CSV, the report, a graph file, nor any Parquet table read back.
 */
class PersonalDataTest {

  static final List<String> PLANTED = List.of("jane", "example.com", "example_com", "0000 0009", "0000_0009",
      "31_6", "12345", "98765", "3f2b8c1e");

  @TempDir static Path dir;
  static RunResult result;

  @BeforeAll
  static void run() throws IOException {
    StringBuilder access = new StringBuilder();
    String[] paths = {"/", "/account/jane@example.com/settings", "/order/12345/track",
        "/tickets/3f2b8c1e-9d4a-4b6f-8e2a-1c3d5e7f9a0b", "/account/jane%40example.com/orders"};
    for (int v = 0; v < 3; v++) {
      for (int i = 0; i < paths.length; i++) {
        access.append("10.0.0.").append(v).append(" - - [17/May/2015:10:0").append(i).append(":03 +0200] \"GET ")
            .append(paths[i]).append(" HTTP/1.1\" 200 100 \"-\" \"Mozilla/5.0 (X11)\"\n");
      }
    }
    Files.writeString(dir.resolve("access.log"), access);
    Files.writeString(dir.resolve("segment.jsonl"), """
        {"type":"track","event":"Contact jane@example.com now","anonymousId":"a-1","timestamp":"2026-03-01T09:00:00Z","messageId":"m1"}
        {"type":"track","event":"Call +31 6 0000 0009","anonymousId":"a-1","timestamp":"2026-03-01T09:05:00Z","messageId":"m2"}
        {"type":"track","event":"Order 98765 shipped","anonymousId":"a-1","timestamp":"2026-03-01T09:06:00Z","messageId":"m3"}
        {"type":"track","event":"Order Completed","anonymousId":"a-2","timestamp":"2026-03-02T10:00:00Z","messageId":"m4"}
        """);
    Path config = Files.writeString(dir.resolve("journeys.yaml"), """
        sources:
          - {path: access.log, format: access-log}
          - {path: segment.jsonl, format: segment}
        journeys: {by: customer, goals: [web:order_completed]}
        ranking: {min-passages: 1}
        out: out
        """);
    result = RunJob.run(SparkTest.spark(), ConfigFile.read(config, null).withSecret("a-test-secret-of-some-length"),
        Progress.silent());
  }

  @Test
  void touchpointsKeepTheirShapeWithPlaceholders() {
    assertThat(result.transitions().find("web:/", "web:/account/{email}/settings")).isNotNull();
    assertThat(result.transitions().find("web:/account/{email}/settings", "web:/order/{id}/track")).isNotNull();
    assertThat(result.transitions().find("web:/tickets/{id}", "web:/account/{email}/orders")).isNotNull();
    assertThat(result.transitions().find("web:contact_email_now", "web:call_phone")).isNotNull();
    assertThat(result.transitions().find("web:call_phone", "web:order_id_shipped")).isNotNull();
  }

  @Test
  void theStitchingReportCountsScrubbedTouchpoints() throws IOException {
    assertThat(Files.readString(dir.resolve("out/stitching.json"))).contains("\"touchpoints_scrubbed\" : 15");
  }

  @Test
  void noPlantedValueReachesAnyFileOrParquetTable() throws IOException {
    try (Stream<Path> files = Files.walk(dir.resolve("out"))) {
      for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".parquet")
          && !f.toString().endsWith(".crc")).toList()) {
        String text = Files.readString(f, StandardCharsets.ISO_8859_1);
        for (String planted : PLANTED) {
          assertThat(text).as(f.toString()).doesNotContainIgnoringCase(planted);
        }
      }
    }
    for (String table : List.of("events", "journeys", "variants", "transitions", "quarantine")) {
      Path tableDir = dir.resolve("out").resolve(table);
      if (!Files.isDirectory(tableDir)) {
        continue;
      }
      Dataset<Row> rows = SparkTest.spark().read().parquet(tableDir.toString());
      String all = rows.drop(java.util.Arrays.stream(rows.columns()).filter(c -> c.equals("file")).toArray(String[]::new))
          .collectAsList().toString();
      for (String planted : PLANTED) {
        assertThat(all).as(table).doesNotContainIgnoringCase(planted);
      }
    }
  }
}
