package dev.journeys.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.jobs.config.RunConfig;
import dev.journeys.jobs.ingest.ReadOptions;
import dev.journeys.jobs.io.Progress;
import dev.journeys.jobs.run.RunJob;
import dev.journeys.model.journey.JourneyRules;
import dev.journeys.model.transition.RankBy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A log with an id in every path has thousands of transitions: the graph files and the report draw the busiest. */
class LargeGraphTest {

  @TempDir static Path dir;

  @BeforeAll
  static void run() throws IOException {
    StringBuilder csv = new StringBuilder("case_id,activity,timestamp\n");
    // 1,000 cases through web:home to a page of their own: 2,002 transitions, web:home's the busiest.
    for (int c = 0; c < 1_000; c++) {
      csv.append("c").append(c).append(",web:home,2026-03-01T09:00:00Z\n");
      csv.append("c").append(c).append(",web:page-").append(c).append(",2026-03-01T09:01:00Z\n");
    }
    Path log = Files.writeString(dir.resolve("log.csv"), csv);
    ReadOptions read = new ReadOptions("case_id", "activity", "timestamp", null, null, null, null,
        ReadOptions.ASSISTED_CHANNELS_DEFAULT, null, java.time.ZoneOffset.UTC, ',', null);
    RunJob.runLocal(new RunConfig(List.of(log.toString()), dir.resolve("out").toString(), read,
        JourneyRules.defaults(), Instant.parse("2026-04-30T00:00:00Z"), RankBy.LOWER_BOUND, 1, 0.01, 10),
        Progress.silent());
  }

  @Test
  void graphFilesDrawTheBusiestTransitionsAndSayWhatIsLeftOut() throws IOException {
    List<String> dot = Files.readAllLines(dir.resolve("out/graph.dot"));
    assertThat(dot.get(1)).isEqualTo("// The 2,000 transitions with the most passages of 2,001 are drawn; the other 1 "
        + "(1 passages, 0 touchpoints seen only there) are in transitions.csv.");
    assertThat(dot.stream().filter(l -> l.contains(" -> "))).hasSize(GraphExport.MAX_TRANSITIONS);
    assertThat(String.join("\n", dot)).contains("label=\"web:home\"");
    JsonNode json = new ObjectMapper().readTree(dir.resolve("out/graph.json").toFile());
    assertThat(json.path("edges").size()).isEqualTo(GraphExport.MAX_TRANSITIONS);
    assertThat(json.path("omitted").path("transitions").asInt()).isEqualTo(1);
    assertThat(Files.readString(dir.resolve("out/graph.graphml"))).contains("<!-- The 2,000 transitions");
    assertThat(Files.readAllLines(dir.resolve("out/transitions.csv"))).hasSize(2_001 + 1);
  }

  @Test
  void theReportChartsTheBusiestTransitions() throws IOException {
    String html = Files.readString(dir.resolve("out/report.html"));
    String script = html.substring(html.indexOf("const data=") + "const data=".length());
    JsonNode data = new ObjectMapper().readTree(script.substring(0, script.indexOf(";\n")));
    assertThat(data.path("links").size()).isEqualTo(300);
    assertThat(data.path("links").toString()).contains("\"source\":\"START\",\"target\":\"web:home\"");
  }
}
