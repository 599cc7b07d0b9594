package dev.journeys.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.journeys.jobs.config.RunConfig;
import dev.journeys.jobs.ingest.ReadOptions;
import dev.journeys.jobs.io.Progress;
import dev.journeys.jobs.run.RunJob;
import dev.journeys.jobs.support.SparkTest;
import dev.journeys.model.journey.JourneyRules;
import dev.journeys.model.transition.RankBy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Parquet file cut short is an input error naming the file, not a failure with Spark's stack trace. */
class UnreadableParquetTest {

  @TempDir Path dir;

  @Test
  void aParquetFileCutShortIsAnInputErrorNamingIt() throws IOException {
    SparkTest.spark().sql("SELECT 'c1' AS customer_id, TIMESTAMP '2026-03-01 09:00:00' AS ts, 'web:a' AS touchpoint")
        .coalesce(1).write().parquet(dir.resolve("events").toString());
    Path part;
    try (var files = Files.list(dir.resolve("events"))) {
      part = files.filter(f -> f.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    byte[] whole = Files.readAllBytes(part);
    Files.write(part, java.util.Arrays.copyOf(whole, whole.length / 2));
    try (var crcs = Files.list(dir.resolve("events"))) {
      for (Path crc : crcs.filter(f -> f.getFileName().toString().endsWith(".crc")).toList()) {
        Files.delete(crc);
      }
    }
    RunConfig config = new RunConfig(List.of(dir.resolve("events").toString()), dir.resolve("out").toString(),
        ReadOptions.defaults(), JourneyRules.defaults(), null, RankBy.LOWER_BOUND, 1, 0.01, 10);

    Throwable failure = catchThrowable(() -> RunJob.run(SparkTest.spark(), config, Progress.silent()));

    assertThat(Main.unreadableFile(failure)).startsWith("Cannot read " + part + ": ")
        .endsWith("(is it a whole Parquet file, or a copy cut short?)");
    assertThat(Main.unreadableFile(new IllegalStateException("something else"))).isNull();
  }
}
