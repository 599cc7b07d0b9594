package dev.journeys.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.jobs.io.ParquetTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run over run: the nightly comparison reads both runs' tables and reports what changed beyond noise. */
class RunComparisonTest {

  @TempDir Path dir;

  static final StructType TRANSITIONS = new StructType().add("from", DataTypes.StringType)
      .add("to", DataTypes.StringType).add("passages", DataTypes.LongType).add("customers", DataTypes.LongType)
      .add("drop_off_decided", DataTypes.LongType)
      .add("drop_off_hits", DataTypes.LongType).add("repeat_contact_decided_7d", DataTypes.LongType)
      .add("repeat_contact_hits_7d", DataTypes.LongType);
  static final StructType VARIANTS = new StructType().add("rank", DataTypes.IntegerType)
      .add("journeys", DataTypes.LongType).add("touchpoints", DataTypes.StringType);

  /**
   * A finished run of {@code date} whose transitions table holds {@code transitions}: from, to, passages, customers,
   * then the rates' counts (null: undecided).
   */
  Path run(String date, Object[]... transitions) throws IOException {
    Path d = Files.createDirectories(dir.resolve("dt=" + date));
    ParquetTables.write(new Configuration(), d.resolve("transitions").toString(), TRANSITIONS,
        Arrays.stream(transitions).map(RowFactory::create).iterator());
    ParquetTables.write(new Configuration(), d.resolve("variants").toString(), VARIANTS,
        List.of(RowFactory.create(1, 10L, "web:a → web:b")).iterator());
    Files.writeString(d.resolve("manifest.json"), "{\"counts\":{\"journeys\":10,\"journeys_converted\":4,"
        + "\"journeys_dropped\":6}}");
    return d;
  }

  @Test
  void reportsRatesThatChangedBeyondNoiseAndTransitionsThatCameAndWent() throws IOException {
    Path before = run("2026-03-01", new Object[] {"web:a", "web:b", 100L, 100L, 100L, 30L, 100L, 10L},
        new Object[] {"web:b", "web:c", 100L, 100L, 100L, 30L, 100L, 10L},
        new Object[] {"web:x", "web:y", 5L, 5L, 5L, 1L, null, null});
    Path now = run("2026-03-02", new Object[] {"web:a", "web:b", 100L, 100L, 100L, 60L, 100L, 11L},
        new Object[] {"web:b", "web:c", 100L, 100L, 100L, 32L, 100L, 10L},
        new Object[] {"web:n", "web:m", 5L, 5L, 5L, 1L, null, null});

    assertThat(RunComparison.previousFinished(dir, "2026-03-02")).isEqualTo(before);
    Map<String, Object> summary = RunComparison.write(now, before, "2026-03-02");

    assertThat((List<?>) summary.get("changed_rates")).singleElement().satisfies(c -> {
      Map<?, ?> change = (Map<?, ?>) c;
      assertThat(change.get("transition")).isEqualTo("web:a → web:b");
      assertThat(change.get("rate")).isEqualTo("drop_off");
      assertThat((double) change.get("q_value")).isLessThan(0.05);
    });
    assertThat(summary.get("rates_tested")).isEqualTo(4);
    assertThat(summary.get("new_transitions")).isEqualTo(List.of("web:n → web:m"));
    assertThat(summary.get("vanished_transitions")).isEqualTo(List.of("web:x → web:y"));
    assertThat(now.resolve("summary.json")).exists();
    assertThat(Files.readString(now.resolve("summary.md")))
        .contains("**journeys — 2026-03-02**", "10 journeys: 40% converted, 60% dropped",
            "Since 2026-03-01: 1 rate changed beyond noise (q < 0.05):", "- web:a → web:b, drop_off: 30.0% → 60.0%");
  }

  @Test
  void flagsATransitionWhoseTimeBetweenStepsMovedAndNotOneThatOnlyWobbled() throws IOException {
    StructType timed = new StructType().add("from", DataTypes.StringType).add("to", DataTypes.StringType)
        .add("passages", DataTypes.LongType).add("customers", DataTypes.LongType)
        .add("median_gap_seconds", DataTypes.DoubleType);
    for (String bucket : dev.journeys.model.metric.GapBuckets.LABELS) {
      timed = timed.add("gaps_" + bucket, DataTypes.LongType);
    }
    // web:a → web:b moves from minutes to hours; web:b → web:c keeps its shape with a few more in one bucket.
    Path before = timedRun("2026-03-01", timed, row("web:a", "web:b", 300.0, 3, 200, 100),
        row("web:b", "web:c", 300.0, 3, 200, 100));
    Path now = timedRun("2026-03-02", timed, row("web:a", "web:b", 7_200.0, 5, 200, 100),
        row("web:b", "web:c", 300.0, 3, 205, 100));

    Map<String, Object> summary = RunComparison.write(now, before, "2026-03-02");

    assertThat(summary.get("gaps_tested")).isEqualTo(2);
    assertThat((List<?>) summary.get("changed_gaps")).singleElement().satisfies(c -> {
      Map<?, ?> change = (Map<?, ?>) c;
      assertThat(change.get("transition")).isEqualTo("web:a → web:b");
      assertThat(change.get("previous_median_seconds")).isEqualTo(300.0);
      assertThat(change.get("current_median_seconds")).isEqualTo(7_200.0);
      assertThat((double) change.get("q_value")).isLessThan(0.05);
    });
    assertThat(Files.readString(now.resolve("summary.md"))).contains(
        "1 transition's time between steps moved beyond noise (Mann–Whitney, q < 0.05):",
        "- web:a → web:b: median 5 min → 2.0 h");
  }

  /** A transition with its median and {@code n} gaps in bucket {@code bucket} and {@code m} in the next. */
  private static Object[] row(String from, String to, double median, int bucket, long n, long m) {
    Object[] row = new Object[5 + dev.journeys.model.metric.GapBuckets.COUNT];
    row[0] = from;
    row[1] = to;
    row[2] = n + m;
    row[3] = n + m;
    row[4] = median;
    for (int i = 0; i < dev.journeys.model.metric.GapBuckets.COUNT; i++) {
      row[5 + i] = i == bucket ? n : i == bucket + 1 ? m : 0L;
    }
    return row;
  }

  private Path timedRun(String date, StructType schema, Object[]... transitions) throws IOException {
    Path d = Files.createDirectories(dir.resolve("dt=" + date));
    ParquetTables.write(new Configuration(), d.resolve("transitions").toString(), schema,
        Arrays.stream(transitions).map(RowFactory::create).iterator());
    ParquetTables.write(new Configuration(), d.resolve("variants").toString(), VARIANTS,
        List.of(RowFactory.create(1, 10L, "web:a → web:b")).iterator());
    Files.writeString(d.resolve("manifest.json"), "{\"counts\":{\"journeys\":10,\"journeys_converted\":4,"
        + "\"journeys_dropped\":6}}");
    return d;
  }
}
