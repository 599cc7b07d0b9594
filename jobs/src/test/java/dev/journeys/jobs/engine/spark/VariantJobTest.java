package dev.journeys.jobs.engine.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.journeys.jobs.config.RunConfig;
import dev.journeys.jobs.ingest.ReadOptions;
import dev.journeys.jobs.io.Progress;
import dev.journeys.jobs.run.RunJob;
import dev.journeys.jobs.run.RunResult;
import dev.journeys.jobs.support.SparkTest;
import dev.journeys.model.journey.JourneyRules;
import dev.journeys.model.transition.RankBy;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Variants counted in the kernel equal variants grouped by Spark from the journeys table. */
class VariantJobTest {

  @TempDir Path dir;

  @Test
  void kernelCountsAndSparkGroupingGiveTheSameVariantTable() {
    RunConfig config = new RunConfig(List.of(SparkTest.data("helpdesk.xes.gz").toString()), dir.toString(),
        ReadOptions.defaults(), JourneyRules.defaults().withPerCase(true), null, RankBy.LOWER_BOUND, 30, 0.01, 10);
    RunResult result = RunJob.run(SparkTest.spark(), config, Progress.silent());
    assertThat(result.journeys().counts().variants().overflowed()).isFalse();

    List<Row> fromKernel = SparkTest.spark().read().parquet(dir.resolve("variants").toString())
        .orderBy("rank").collectAsList();
    List<Row> fromSpark = VariantJob.variants(SparkTest.spark().read().parquet(dir.resolve("journeys").toString()),
        result.journeys().counts().journeys(), false).collectAsList();

    assertThat(fromKernel).hasSize(226).hasSameSizeAs(fromSpark);
    for (int i = 0; i < fromKernel.size(); i++) {
      Row k = fromKernel.get(i);
      Row s = fromSpark.get(i);
      for (String column : List.of("rank", "journeys", "touchpoints", "events", "converted_share", "dropped_share")) {
        assertThat(k.<Object>getAs(column)).as(column + " of rank " + (i + 1)).isEqualTo(s.getAs(column));
      }
      assertThat(k.<Double>getAs("share")).isCloseTo(s.getAs("share"), within(1e-12));
      assertThat(k.<Double>getAs("cumulative_share")).isCloseTo(s.getAs("cumulative_share"), within(1e-12));
      double median = s.<Double>getAs("median_duration_seconds");
      assertThat(k.<Double>getAs("median_duration_seconds")).isCloseTo(median, within(0.006 * median + 1e-9));
    }
  }
}
