package dev.journeys.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.jobs.config.RunConfig;
import dev.journeys.jobs.ingest.ReadOptions;
import dev.journeys.jobs.run.RunJob;
import dev.journeys.jobs.support.SparkTest;
import dev.journeys.model.journey.JourneyRules;
import dev.journeys.model.transition.RankBy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output folder holds every table as Parquet and CSV, the graph in three formats and the manifest. */
class OutputsTest {

  @TempDir static Path dir;

  @BeforeAll
  static void run() throws IOException {
    Path log = Files.writeString(dir.resolve("log.csv"), """
        customer,activity,timestamp,owner
        c1,web:view_rates,2026-03-01T09:00:00Z,marketing
        c1,web:apply_start,2026-03-01T09:05:00Z,sales
        c1,phone:sales_call,2026-03-01T09:20:00Z,sales
        c1,web:order_completed,2026-03-01T10:00:00Z,sales
        c1,phone:support_call,2026-03-03T14:00:00Z,support
        c2,web:view_rates,2026-03-02T10:00:00Z,marketing
        c2,web:apply_start,2026-03-02T10:02:00Z,sales
        c3,"web:<script>alert(""x"")</script>",2026-04-25T10:00:00Z,marketing
        """);
    ReadOptions read = new ReadOptions("case_id", "activity", "timestamp", "customer", null, "owner", null,
        ReadOptions.ASSISTED_CHANNELS_DEFAULT, null, java.time.ZoneOffset.UTC, ',', null);
    JourneyRules rules = JourneyRules.defaults().withGoals(Set.of("web:order_completed"));
    RunJob.run(SparkTest.spark(), new RunConfig(List.of(log.toString()), dir.resolve("out").toString(), read, rules,
        java.time.Instant.parse("2026-04-30T00:00:00Z"), RankBy.LOWER_BOUND, 1, 0.01, 10), Progress.silent());
  }

  @Test
  void writesEveryOutput() {
    for (String name : List.of("events", "journeys", "variants", "transitions", "transitions.csv", "variants.csv",
        "quarantine.csv", "graph.dot", "graph.graphml", "graph.json", "manifest.json")) {
      assertThat(dir.resolve("out").resolve(name)).exists();
    }
  }

  @Test
  void transitionsCsvHasTheWorkedExampleNumbers() throws IOException {
    List<String> lines = Files.readAllLines(dir.resolve("out/transitions.csv"));
    List<String> header = List.of(lines.get(0).split(","));
    assertThat(header).startsWith("from", "to", "passages", "journeys", "customers", "mean_gap_seconds",
        "median_gap_seconds", "p90_gap_seconds", "p99_gap_seconds", "gaps_under_1s", "gaps_1s_to_10s",
        "gaps_10s_to_1m", "gaps_1m_to_10m", "gaps_10m_to_1h", "gaps_1h_to_6h", "gaps_6h_to_1d", "gaps_1d_to_3d",
        "gaps_3d_to_7d", "gaps_7d_to_30d", "gaps_30d_to_90d", "gaps_90d_plus", "handoff_share",
        "channel_switch_share", "drop_off_rate", "drop_off_lower", "drop_off_upper", "drop_off_decided");
    assertThat(header).contains("eventual_drop_off_rate", "repeat_contact_rate_24h", "repeat_contact_lower_7d",
        "repeat_contact_upper_30d", "repeat_contact_decided_7d");
    String row = lines.stream().filter(l -> l.startsWith("web:view_rates,web:apply_start,")).findFirst().orElseThrow();
    List<String> v = List.of(row.split(",", -1));
    assertThat(v.get(header.indexOf("passages"))).isEqualTo("2");
    assertThat(v.get(header.indexOf("drop_off_rate"))).isEqualTo("0.5");
    assertThat(v.get(header.indexOf("drop_off_decided"))).isEqualTo("2");
    assertThat(v.get(header.indexOf("repeat_contact_rate_7d"))).isEqualTo("0.5");
    assertThat(v.get(header.indexOf("handoff_share"))).isEqualTo("1");
    assertThat(v.get(header.indexOf("mean_gap_seconds"))).isEqualTo("210");
    assertThat(v.get(header.indexOf("p99_gap_seconds"))).isEqualTo("298.2");
    assertThat(v.get(header.indexOf("gaps_1m_to_10m"))).as("5 and 2 minutes").isEqualTo("2");
    assertThat(v.get(header.indexOf("gaps_under_1s"))).isEqualTo("0");
    String start = lines.stream().filter(l -> l.startsWith("START,web:view_rates,")).findFirst().orElseThrow();
    List<String> s = List.of(start.split(",", -1));
    assertThat(s.get(header.indexOf("mean_gap_seconds"))).isEmpty();
    assertThat(s.get(header.indexOf("handoff_share"))).isEmpty();
  }

  @Test
  void csvQuotesFieldsThatNeedIt() throws IOException {
    assertThat(Files.readString(dir.resolve("out/transitions.csv")))
        .contains("\"web:<script>alert(\"\"x\"\")</script>\"");
  }

  @Test
  void variantsCsvRanksVariantsWithShares() throws IOException {
    List<String> lines = Files.readAllLines(dir.resolve("out/variants.csv"));
    assertThat(lines.get(0)).startsWith("rank,journeys,share,cumulative_share,converted_share,dropped_share,"
        + "median_duration_seconds,touchpoints");
    assertThat(lines).hasSize(5);
    assertThat(lines.get(4)).startsWith("4,1,0.25,1,");
  }

  @Test
  void graphFilesOpenInTheirTools() throws IOException {
    assertThat(Files.readString(dir.resolve("out/graph.dot"))).startsWith("strict digraph journeys {")
        .contains("label=\"START\"");
    assertThat(Files.readString(dir.resolve("out/graph.graphml"))).contains("<graphml", "attr.name=\"passages\"");
    JsonNode json = new ObjectMapper().readTree(dir.resolve("out/graph.json").toFile());
    assertThat(json.get("nodes")).isNotEmpty();
    assertThat(json.get("edges")).isNotEmpty();
    assertThat(json.get("insights").get("commonPath").get("touchpoints").get(0).asText()).isEqualTo("START");
    assertThat(json.get("insights").get("busiestTouchpoints").get(0).get("touchpoint").asText())
        .isEqualTo("web:apply_start");
  }

  @Test
  void manifestRecordsInputsCountsAndDurations() throws IOException {
    JsonNode m = new ObjectMapper().readTree(dir.resolve("out/manifest.json").toFile());
    assertThat(m.get("counts").get("events").asLong()).isEqualTo(8);
    assertThat(m.get("counts").get("journeys_pending").asLong()).isEqualTo(1);
    assertThat(m.get("inputs")).hasSize(1);
    assertThat(m.get("durations_seconds").has("journeys")).isTrue();
    assertThat(m.get("cut_off").asText()).isEqualTo("2026-04-30T00:00:00Z");
  }
}
