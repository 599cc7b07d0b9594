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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.NodeList;

/** Touchpoint names with backslashes, quotes, line breaks and control characters leave graph files that open. */
class GraphExportTest {

  static final List<String> NAMES = List.of("web:ends\\", "web:\"quoted\"", "web:new\nline", "web:ctl\u0001x",
      "web:tab\tx", "web:<tag>&amp;", "web:uni é ✓ 😀", "web:\\\"mixed\\n");

  @TempDir static Path dir;

  @BeforeAll
  static void run() throws IOException {
    StringBuilder csv = new StringBuilder("case_id,activity,timestamp\n");
    for (int i = 0; i < NAMES.size(); i++) {
      csv.append("c1,\"").append(NAMES.get(i).replace("\"", "\"\"")).append("\",2026-03-01T09:")
          .append(String.format("%02d", i)).append(":00Z\n");
    }
    Path log = Files.writeString(dir.resolve("log.csv"), csv);
    ReadOptions read = new ReadOptions("case_id", "activity", "timestamp", null, null, null, null,
        ReadOptions.ASSISTED_CHANNELS_DEFAULT, null, java.time.ZoneOffset.UTC, ',', null);
    RunJob.runLocal(new RunConfig(List.of(log.toString()), dir.resolve("out").toString(), read,
        JourneyRules.defaults(), Instant.parse("2026-04-30T00:00:00Z"), RankBy.LOWER_BOUND, 1, 0.01, 10),
        Progress.silent());
  }

  @Test
  void graphMlIsWellFormedXmlAndKeepsEveryNameXmlCanHold() throws Exception {
    var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(dir.resolve("out/graph.graphml").toFile());
    NodeList data = doc.getElementsByTagName("data");
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < data.getLength(); i++) {
      labels.add(data.item(i).getTextContent());
    }
    assertThat(labels).contains("web:ends\\", "web:\"quoted\"", "web:new\nline", "web:tab\tx", "web:<tag>&amp;",
        "web:uni é ✓ 😀", "web:ctl\uFFFDx");
  }

  @Test
  void jsonReadsBackEveryNameExactly() throws IOException {
    JsonNode root = new ObjectMapper().readTree(dir.resolve("out/graph.json").toFile());
    List<String> labels = new ArrayList<>();
    root.path("nodes").forEach(n -> labels.add(n.path("label").asText()));
    assertThat(labels).containsAll(NAMES);
  }

  @Test
  void dotQuotesEveryLabelSoThatAllOfThemCloseOnTheirLine() throws IOException {
    List<String> lines = Files.readAllLines(dir.resolve("out/graph.dot"), StandardCharsets.UTF_8);
    assertThat(lines).contains("  n0 [ label=\"END\" shape=\"circle\" ];");
    assertThat(String.join("\n", lines)).contains("label=\"web:ends\\\\\"", "label=\"web:\\\"quoted\\\"\"",
        "label=\"web:new\\nline\"", "label=\"web:\\\\\\\"mixed\\\\n\"");
    assertThat(lines).allSatisfy(l -> assertThat(l).doesNotContain("\u0001"));
  }

  @Test
  void graphvizOpensTheDotFile() throws Exception {
    Path dot = Path.of("/usr/bin/dot");
    Assumptions.assumeTrue(Files.isExecutable(dot), "Graphviz is not installed (/usr/bin/dot); CI installs it");
    Process p = new ProcessBuilder(dot.toString(), "-Tsvg", "-o", dir.resolve("graph.svg").toString(),
        dir.resolve("out/graph.dot").toString()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).doesNotContain("syntax error");
    assertThat(Files.readString(dir.resolve("graph.svg"))).contains("web:ends\\", "web:uni é ✓");
  }
}
