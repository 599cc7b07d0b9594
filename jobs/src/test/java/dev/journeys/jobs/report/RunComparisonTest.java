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
}
