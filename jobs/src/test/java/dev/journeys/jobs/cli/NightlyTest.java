package dev.journeys.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.jobs.io.Progress;
import dev.journeys.jobs.support.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A nightly run writes one date's folder over its trailing window; a rerun replaces that date and nothing else. */
class NightlyTest {

  @TempDir Path dir;
  Path config;

  @BeforeEach
  void write() throws IOException {
    Files.writeString(dir.resolve("events.csv"), """
        customer,activity,timestamp
        c1,web:view,2026-03-01T09:00:00Z
        c1,web:order,2026-03-01T09:10:00Z
        c2,web:view,2026-03-02T09:00:00Z
        c2,phone:call,2026-03-02T10:00:00Z
        c3,web:view,2026-03-02T11:00:00Z
        c3,web:order,2026-03-02T11:30:00Z
        c1,web:view,2026-03-03T08:00:00Z
        """);
    config = Files.writeString(dir.resolve("journeys.yaml"), """
        sources: [{path: events.csv, customer-column: customer}]
        journeys: {by: customer, goals: [web:order]}
        ranking: {min-passages: 1}
        nightly: {window: 1d}
        out: nightly
        """);
  }

  JsonNode manifest(String date) throws IOException {
    return new ObjectMapper().readTree(dir.resolve("nightly/dt=" + date + "/manifest.json").toFile());
  }

  @Test
  void writesEachDateOverItsWindowAndARerunReplacesOnlyThatDate() throws IOException {
    NightlyCommand.run(SparkTest.spark(), NightlyCommand.configFor(config, LocalDate.parse("2026-03-02"), null),
        Progress.silent());
    NightlyCommand.run(SparkTest.spark(), NightlyCommand.configFor(config, LocalDate.parse("2026-03-03"), null),
        Progress.silent());

    JsonNode second = manifest("2026-03-02");
    assertThat(second.get("cut_off").asText()).isEqualTo("2026-03-03T00:00:00Z");
    assertThat(second.get("options").get("window_start").asText()).isEqualTo("2026-03-02T00:00:00Z");
    assertThat(second.get("counts").get("events_before_window").asLong()).isEqualTo(2);
    assertThat(second.get("counts").get("events_after_cut_off").asLong()).isEqualTo(1);
    assertThat(second.get("counts").get("events_analysed").asLong()).isEqualTo(4);
    assertThat(manifest("2026-03-03").get("counts").get("events_analysed").asLong()).isEqualTo(1);
    JsonNode summary = new ObjectMapper().readTree(dir.resolve("nightly/dt=2026-03-03/summary.json").toFile());
    assertThat(summary.get("previous_date").asText()).isEqualTo("2026-03-02");
    assertThat(summary.get("new_transitions")).extracting(JsonNode::asText).contains("web:view → END");
    assertThat(summary.get("vanished_transitions")).extracting(JsonNode::asText).contains("web:view → phone:call");
    assertThat(summary.get("fate_shares").get("pending").asDouble()).isEqualTo(1.0);
    assertThat(summary.get("vanished_variants_count").asLong()).isEqualTo(2);
    String report = Files.readString(dir.resolve("nightly/dt=2026-03-03/report.html"));
    assertThat(report).contains("Compared with 2026-03-02", "<h3>Vanished transitions (",
        "<li>web:view → phone:call</li>", "<h3>Vanished variants (2)</h3>", "<h3>New variants (1)</h3>",
        "<td>pending</td><td class=\"n\">50.00%</td><td class=\"n\">100.00%</td><td class=\"n\">+50.00 pt</td>",
        "<td>dropped</td><td class=\"n\">0.00%</td><td class=\"n\">0.00%</td><td class=\"n\">+0.00 pt</td>",
        "6 events before the window (from 2026-03-03T00:00:00Z) left out");
    assertThat(new ObjectMapper().readTree(dir.resolve("nightly/dt=2026-03-02/summary.json").toFile())
        .get("previous_date").isNull()).isTrue();

    byte[] third = Files.readAllBytes(dir.resolve("nightly/dt=2026-03-03/manifest.json"));
    String firstStarted = second.get("started").asText();
    NightlyCommand.run(SparkTest.spark(), NightlyCommand.configFor(config, LocalDate.parse("2026-03-02"), null),
        Progress.silent());

    assertThat(manifest("2026-03-02").get("started").asText()).isNotEqualTo(firstStarted);
    assertThat(Files.readAllBytes(dir.resolve("nightly/dt=2026-03-03/manifest.json"))).isEqualTo(third);
    try (Stream<Path> folders = Files.list(dir.resolve("nightly"))) {
      assertThat(folders.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList())
          .containsExactly("dt=2026-03-02", "dt=2026-03-03"); // and the hidden lock file of each date
    }
  }

  @Test
  void aSmallLogsNightlyRunsWithoutSparkAndFinishesItsDate() throws IOException {
    MainTest.Outcome o = MainTest.run("nightly", "--config", config.toString(), "--date", "2026-03-02",
        "--out", dir.resolve("nightly").toString());

    assertThat(o.exit()).as(o.err()).isZero();
    assertThat(o.out()).contains("without Spark");
    JsonNode day = manifest("2026-03-02");
    assertThat(day.get("journeys_grouping").asText()).startsWith("in memory");
    assertThat(day.get("counts").get("events_before_window").asLong()).isEqualTo(2);
    assertThat(dir.resolve("nightly/dt=2026-03-02/summary.json")).exists();
    assertThat(dir.resolve("nightly/_unfinished-dt=2026-03-02")).doesNotExist();
  }

  @Test
  void aBadDateIsAUsageError() {
    MainTest.Outcome o = MainTest.run("nightly", "--config", config.toString(), "--date", "02/03/2026");
    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.err()).contains("--date: cannot read '02/03/2026' (expected YYYY-MM-DD");
  }
}
