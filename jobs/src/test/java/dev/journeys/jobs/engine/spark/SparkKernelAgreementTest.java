package dev.journeys.jobs.engine.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.journeys.jobs.config.RunConfig;
import dev.journeys.jobs.generate.SampleJourneys;
import dev.journeys.jobs.ingest.ReadOptions;
import dev.journeys.jobs.io.OutputSchema;
import dev.journeys.jobs.io.Progress;
import dev.journeys.jobs.run.RunJob;
import dev.journeys.jobs.run.RunResult;
import dev.journeys.jobs.support.SparkTest;
import dev.journeys.model.analysis.InMemoryAnalysis;
import dev.journeys.model.event.Event;
import dev.journeys.model.journey.Journey;
import dev.journeys.model.journey.JourneyRules;
import dev.journeys.model.transition.RankBy;
import dev.journeys.model.transition.Transition;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark job and the in-memory kernel give the same journeys and the same transition table. */
class SparkKernelAgreementTest {

  @TempDir Path dir;

  @Test
  void sparkJobAndInMemoryKernelAgreeOnGeneratedCustomers() {
    List<Event> events = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    SampleJourneys model = new SampleJourneys(7);
    for (long i = 0; i < 3_000; i++) {
      model.customer(i, (customer, ts, touchpoint, channel, owner, assisted) -> {
        long seq = events.size();
        events.add(new Event(customer, null, ts, touchpoint, channel, owner, "sample", 0, seq, assisted));
        rows.add(RowFactory.create("sample:" + seq, customer, null, ts, touchpoint, channel, owner, "sample", 0, seq,
            assisted));
      });
    }
    String input = dir.resolve("events.parquet").toString();
    SparkTest.spark().createDataFrame(rows, OutputSchema.EVENT).repartition(3).write().parquet(input);
    JourneyRules rules = JourneyRules.defaults().withGoals(Set.of(SampleJourneys.GOAL))
        .withStarts(Set.of("email:campaign_click")).withMaxDuration(Duration.ofDays(20));
    Instant cutoff = Instant.parse("2026-06-01T00:00:00Z");

    RunResult spark = RunJob.run(SparkTest.spark(), new RunConfig(List.of(input), dir.resolve("out").toString(),
        ReadOptions.defaults(), rules, cutoff, RankBy.LOWER_BOUND, 30, 0.01, 10), Progress.silent());
    InMemoryAnalysis memory = InMemoryAnalysis.run(events, rules, cutoff);

    assertThat(spark.journeys().eventsAfterCutoff()).isPositive();
    assertThat(spark.journeys().counts().events()).isEqualTo(memory.counts().events());
    List<Transition> expected = memory.transitions().transitions();
    List<Transition> actual = spark.transitions().transitions();
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      Transition e = expected.get(i);
      Transition a = actual.get(i);
      assertThat(a.key()).isEqualTo(e.key());
      assertThat(List.of(a.passages(), a.journeys(), a.customers())).isEqualTo(List.of(e.passages(), e.journeys(), e.customers()));
      assertThat(a.dropOff()).isEqualTo(e.dropOff());
      assertThat(a.eventualDropOff()).isEqualTo(e.eventualDropOff());
      assertThat(a.repeatContact()).isEqualTo(e.repeatContact());
      assertThat(a.handoffShare()).isEqualTo(e.handoffShare());
      assertThat(a.channelSwitchShare()).isEqualTo(e.channelSwitchShare());
      if (e.meanGapSeconds() != null) {
        assertThat(a.meanGapSeconds()).isCloseTo(e.meanGapSeconds(), within(1e-6 * e.meanGapSeconds() + 1e-9));
        assertThat(a.medianGapSeconds()).isEqualTo(e.medianGapSeconds());
        assertThat(a.p90GapSeconds()).isEqualTo(e.p90GapSeconds());
      }
    }

    List<String> sparkJourneys = SparkTest.spark().read().parquet(dir.resolve("out/journeys").toString())
        .collectAsList().stream()
        .map(r -> r.getString(0) + "#" + r.getInt(1) + " " + r.getString(7) + " "
            + Arrays.toString(r.getList(8).toArray()))
        .sorted().toList();
    List<String> memoryJourneys = memory.journeys().stream()
        .sorted(Comparator.comparing(Journey::customerId).thenComparingInt(Journey::index))
        .map(j -> j.customerId() + "#" + j.index() + " " + j.fate().label() + " " + j.touchpoints())
        .sorted().toList();
    assertThat(sparkJourneys).isEqualTo(memoryJourneys);
  }
}
