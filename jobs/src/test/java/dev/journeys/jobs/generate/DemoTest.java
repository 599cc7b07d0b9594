package dev.journeys.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.jobs.cli.DemoCommand;
import dev.journeys.jobs.cli.RunOptions;
import dev.journeys.jobs.io.Progress;
import dev.journeys.jobs.run.RunJob;
import dev.journeys.jobs.run.RunResult;
import dev.journeys.jobs.support.SparkTest;
import dev.journeys.model.transition.RankedTransition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The demo's planted gaps come out at the top of the ranked tables, near their true rates. */
class DemoTest {

  @TempDir static Path dir;
  static RunResult result;
  static JsonNode truth;

  @BeforeAll
  static void runDemo() throws IOException {
    SampleLog.write(dir.resolve("sample"), 20_000, 42);
    truth = new ObjectMapper().readTree(dir.resolve("sample/truth.json").toFile());
    RunOptions options = new RunOptions();
    new CommandLine(options).parseArgs(DemoCommand.demoArguments(dir.resolve("sample")).toArray(String[]::new));
    result = RunJob.run(SparkTest.spark(), options.toConfig(
        List.of(dir.resolve("sample/" + SampleLog.EVENTS_FILE).toString()), dir.resolve("out").toString()),
        Progress.silent());
  }

  @Test
  void generatorIsDeterministic() throws IOException {
    SampleLog.write(dir.resolve("again"), 2_000, 42);
    SampleLog.write(dir.resolve("again2"), 2_000, 42);
    assertThat(Files.readAllBytes(dir.resolve("again/" + SampleLog.EVENTS_FILE)))
        .isEqualTo(Files.readAllBytes(dir.resolve("again2/" + SampleLog.EVENTS_FILE)));
  }

  @Test
  void plantedDropOffGapIsFirstAtItsTrueRate() {
    RankedTransition top = result.dropOffRanking().get(0);
    assertThat(top.transition().key().toString()).isEqualTo(gap(0).get("transition").asText());
    assertThat(top.rate().rate()).isCloseTo(gap(0).get("true_rate").asDouble(), within(0.03));
  }

  @Test
  void plantedChannelSwitchIsFirstByRepeatContact() {
    RankedTransition top = result.repeatRanking().get(0);
    assertThat(top.transition().key().toString()).isEqualTo(gap(2).get("transition").asText());
    assertThat(top.transition().repeatContact().get(0).rate()).isCloseTo(gap(2).get("true_rate").asDouble(), within(0.05));
  }

  @Test
  void plantedHandoffGapIsAmongTheTopFiveByRepeatContact() {
    List<String> top5 = result.repeatRanking().stream().limit(5).map(r -> r.transition().key().toString()).toList();
    assertThat(top5).contains(gap(1).get("transition").asText());
    RankedTransition handoff = result.repeatRanking().stream()
        .filter(r -> r.transition().key().toString().equals(gap(1).get("transition").asText())).findFirst().orElseThrow();
    assertThat(handoff.rate().rate()).isCloseTo(gap(1).get("true_rate").asDouble(), within(0.04));
  }

  @Test
  void plantedAccessStallIsTheWorstStageHandOffAndItsIntervalHoldsTheTruth() {
    PlantedGaps.assertAccessStallFound(result, truth);
  }

  @Test
  void plantedSalesCallIsTheContactThatMostOftenBringsCustomersBack() {
    PlantedGaps.assertSalesCallTriggerFound(result, truth);
  }

  @Test
  void plantedRegionDifferenceIsTheOnlyChangeBetweenTheTwoLargestRegions() throws IOException {
    PlantedGaps.assertSegmentDifferenceFound(result, truth, true);
    List<String> changes = Files.readAllLines(dir.resolve("out/segment_changes.csv"));
    assertThat(changes.get(1)).startsWith("crm:invoice_sent,web:view_invoice,drop_off,DE,");
  }

  @Test
  void quarantinesTheDeliberatelyBrokenRows() {
    assertThat(result.ingest().quarantined()).isEqualTo(truth.get("broken_rows").asLong()).isPositive();
  }

  private static JsonNode gap(int i) {
    return truth.get("planted_gaps").get(i);
  }
}
