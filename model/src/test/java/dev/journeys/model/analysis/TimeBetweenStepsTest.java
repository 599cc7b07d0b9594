package dev.journeys.model.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.journeys.model.metric.GapBuckets;
import dev.journeys.model.transition.ConversionTimes;
import dev.journeys.model.transition.Transition;
import org.junit.jupiter.api.Test;

/** The time between steps and the time to convert, on DESIGN's worked example. */
class TimeBetweenStepsTest {

  final InMemoryAnalysis analysis = InMemoryAnalysis.run(WorkedExampleTest.EVENTS, WorkedExampleTest.RULES,
      WorkedExampleTest.CUTOFF);

  @Test
  void bucketsRunFromUnderASecondToNinetyDaysAndMoreWithEachLowerBoundInside() {
    assertThat(GapBuckets.LABELS.get(GapBuckets.of(0))).isEqualTo("under_1s");
    assertThat(GapBuckets.LABELS.get(GapBuckets.of(999_999))).isEqualTo("under_1s");
    assertThat(GapBuckets.LABELS.get(GapBuckets.of(1_000_000))).isEqualTo("1s_to_10s");
    assertThat(GapBuckets.LABELS.get(GapBuckets.of(3_600_000_000L))).isEqualTo("1h_to_6h");
    assertThat(GapBuckets.LABELS.get(GapBuckets.of(89L * 86_400_000_000L))).isEqualTo("30d_to_90d");
    assertThat(GapBuckets.LABELS.get(GapBuckets.of(90L * 86_400_000_000L))).isEqualTo("90d_plus");
    assertThat(GapBuckets.COUNT).isEqualTo(12);
  }

  @Test
  void aTransitionsGapsArePerBucketWithTheirP99() {
    Transition t = analysis.transitions().find("web:view_rates", "web:apply_start");
    assertThat(t.gapBuckets().get(GapBuckets.LABELS.indexOf("1m_to_10m"))).as("5 min (c1) and 2 min (c2)")
        .isEqualTo(2L);
    assertThat(t.gapBuckets().stream().mapToLong(Long::longValue).sum()).isEqualTo(2);
    assertThat(t.p99GapSeconds()).isCloseTo(120 + 0.99 * 180, within(1e-9));
    Transition start = analysis.transitions().find("START", "web:view_rates");
    assertThat(start.gapBuckets().stream().mapToLong(Long::longValue).sum()).as("START passages have no gap")
        .isZero();
  }

  @Test
  void theTimeToConvertRunsFromTheJourneysFirstEventToItsGoal() {
    assertThat(analysis.counts().conversionTimes()).containsOnlyKeys("web:order_completed");
    ConversionTimes times = analysis.counts().conversionTimes().get("web:order_completed");
    assertThat(times.journeys()).isEqualTo(1);
    assertThat(times.times().quantileSeconds(0.5)).as("c1: 09:00 to 10:00").isEqualTo(3600.0);
    assertThat(times.buckets()[GapBuckets.LABELS.indexOf("1h_to_6h")]).isEqualTo(1);
  }
}
