package dev.journeys.jobs.engine.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.jobs.config.RunConfig;
import dev.journeys.jobs.ingest.ReadOptions;
import dev.journeys.jobs.io.Progress;
import dev.journeys.jobs.run.RunJob;
import dev.journeys.jobs.run.RunResult;
import dev.journeys.jobs.support.SparkTest;
import dev.journeys.model.journey.JourneyRules;
import dev.journeys.model.transition.RankBy;
import dev.journeys.model.transition.Transition;
import dev.journeys.model.transition.TransitionKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * With one journey per case, passages, start and end counts, variants and gaps equal what pm4py
 * computed independently for every log in test-data/expected.
 */
class Pm4pyParityTest {

  @TempDir Path out;

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "running-example.xes, running-example",
      "running-example.csv, running-example",
      "receipt.xes.gz, receipt",
      "receipt.csv.gz, receipt",
      "helpdesk.xes.gz, helpdesk",
      "bpic2013_incidents.xes.gz, bpic2013_incidents",
      "roadtraffic100traces.xes, roadtraffic100traces"})
  void matchesPm4py(String log, String expectedName) throws IOException {
    JsonNode expected = new ObjectMapper().readTree(SparkTest.data("expected/" + expectedName + ".pm4py.json").toFile());
    RunConfig config = new RunConfig(List.of(SparkTest.data(log).toString()), out.toString(), ReadOptions.defaults(),
        JourneyRules.defaults().withPerCase(true), null, RankBy.LOWER_BOUND, 30, 0.01, 10);

    RunResult result = RunJob.run(SparkTest.spark(), config, Progress.silent());

    assertThat(result.ingest().quarantined()).isZero();
    assertThat(result.journeys().counts().journeys()).isEqualTo(expected.get("num_cases").asLong());
    assertThat(result.journeys().counts().events()).isEqualTo(expected.get("num_events").asLong());

    Map<TransitionKey, Long> passages = new HashMap<>();
    for (Transition t : result.transitions().transitions()) {
      passages.put(t.key(), t.passages());
    }
    Map<TransitionKey, Long> expectedPassages = new HashMap<>();
    expected.get("dfg").forEach(e -> expectedPassages.put(
        new TransitionKey(e.get("from").asText(), e.get("to").asText()), e.get("count").asLong()));
    expected.get("start_activities").properties().iterator().forEachRemaining(e ->
        expectedPassages.put(new TransitionKey("START", e.getKey()), e.getValue().asLong()));
    expected.get("end_activities").properties().iterator().forEachRemaining(e ->
        expectedPassages.put(new TransitionKey(e.getKey(), "END"), e.getValue().asLong()));
    assertThat(passages).isEqualTo(expectedPassages);

    for (JsonNode e : expected.get("performance_dfg")) {
      Transition t = result.transitions().find(e.get("from").asText(), e.get("to").asText());
      assertThat(t.meanGapSeconds()).as("mean gap of " + t.key())
          .isCloseTo(e.get("mean_seconds").asDouble(), within(1e-6 * Math.max(1, e.get("mean_seconds").asDouble())));
      double median = e.get("median_seconds").asDouble();
      assertThat(t.medianGapSeconds()).as("median gap of " + t.key())
          .isCloseTo(median, within(0.006 * Math.max(1, median)));
    }

    Map<List<String>, Long> variants = new HashMap<>();
    for (Row r : SparkTest.spark().read().parquet(out.resolve("variants").toString()).collectAsList()) {
      variants.put(List.of(r.getString(r.fieldIndex("touchpoints")).split(" → ", -1)), r.getLong(r.fieldIndex("journeys")));
    }
    Map<List<String>, Long> expectedVariants = new HashMap<>();
    for (JsonNode v : expected.get("variants")) {
      List<String> activities = new ArrayList<>();
      v.get("activities").forEach(a -> activities.add(a.asText()));
      expectedVariants.put(activities, v.get("count").asLong());
    }
    assertThat(variants).hasSize(expected.get("num_variants").asInt()).isEqualTo(expectedVariants);
    assertThat(Files.lines(out.resolve("variants.csv")).count()).isEqualTo(expected.get("num_variants").asLong() + 1);
  }
}
