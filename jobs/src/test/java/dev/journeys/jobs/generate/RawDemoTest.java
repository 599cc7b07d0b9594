package dev.journeys.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.jobs.config.ConfigFile;
import dev.journeys.jobs.io.Progress;
import dev.journeys.jobs.run.RunJob;
import dev.journeys.jobs.run.RunResult;
import dev.journeys.jobs.support.SparkTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's raw exports stitch back into their customers, and the planted gaps still come out on top. */
class RawDemoTest {

  @TempDir static Path dir;
  static RunResult result;
  static JsonNode truth;

  @BeforeAll
  static void runDemo() throws IOException {
    SampleExports.write(dir.resolve("sample"), 8_000, 42);
    truth = new ObjectMapper().readTree(dir.resolve("sample/truth.json").toFile());
    result = RunJob.run(SparkTest.spark(), ConfigFile.read(dir.resolve("sample/" + SampleExports.CONFIG),
        dir.resolve("out").toString()).withSecret("raw-demo-test-secret-0123456789"), Progress.silent());
  }

  @Test
  void stitchesTheExportsBackIntoTheirCustomers() {
    assertThat(result.journeys().counts().customers()).isBetween(8_000L, 8_080L);
    assertThat(result.ingest().stitching().report().get("shared_keys")).asList().hasSize(1);
    assertThat(result.ingest().quarantined()).isEqualTo(truth.get("broken_rows").asLong()).isPositive();
  }

  @Test
  void eventsOfRawExportsAreWrittenClusteredAndTheirJourneysStreamWithoutAShuffle() throws IOException {
    assertThat(result.journeys().streamed()).isTrue();
    JsonNode manifest = new ObjectMapper().readTree(dir.resolve("out/manifest.json").toFile());
    assertThat(manifest.get("journeys_grouping").asText()).startsWith("streamed");
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
  void regionsComeFromTheWebTrackersGeoLookupAndTheSegmentsAreCompared() {
    assertThat(result.segments().sizes().keySet()).containsExactlyInAnyOrder("DE", "FR", "IT");
    assertThat(result.segments().compared()).containsExactly("DE", "FR");
    assertThat(result.segments().tested()).isPositive();
  }

  @Test
  void plantedGapsComeOutOnTop() {
    assertThat(result.dropOffRanking().get(0).transition().key().toString())
        .isEqualTo(truth.get("planted_gaps").get(0).get("transition").asText());
    assertThat(result.dropOffRanking().get(0).rate().rate())
        .isCloseTo(truth.get("planted_gaps").get(0).get("true_rate").asDouble(), within(0.04));
    assertThat(result.repeatRanking().get(0).transition().key().toString())
        .isEqualTo(truth.get("planted_gaps").get(2).get("transition").asText());
    List<String> top5 = result.repeatRanking().stream().limit(5).map(r -> r.transition().key().toString()).toList();
    assertThat(top5).contains(truth.get("planted_gaps").get(1).get("transition").asText());
  }
}
