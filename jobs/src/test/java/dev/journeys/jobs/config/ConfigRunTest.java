package dev.journeys.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.jobs.io.Progress;
import dev.journeys.jobs.run.RunJob;
import dev.journeys.jobs.run.RunResult;
import dev.journeys.jobs.support.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A config file runs sources that are each read their own way, in one analysis. */
class ConfigRunTest {

  @TempDir Path dir;

  @Test
  void readsEachSourceWithItsOwnSettings() throws IOException {
    Files.copy(SparkTest.data("running-example.csv"), dir.resolve("running-example.csv"));
    Files.writeString(dir.resolve("calls.csv"), """
        ticket;what;when
        T1;phone:call;01/03/2026 10:00
        T1;phone:callback;01/03/2026 12:30
        """);
    Path config = Files.writeString(dir.resolve("journeys.yaml"), """
        sources:
          - path: running-example.csv
          - path: calls.csv
            case-column: ticket
            activity-column: what
            timestamp-column: when
            timestamp-format: dd/MM/yyyy HH:mm
            time-zone: Europe/Amsterdam
            delimiter: ";"
        out: out
        """);

    RunResult result = RunJob.run(SparkTest.spark(), ConfigFile.read(config, null), Progress.silent());

    assertThat(result.ingest().eventsRead()).isEqualTo(44);
    assertThat(result.ingest().quarantined()).isZero();
    assertThat(result.transitions().find("phone:call", "phone:callback").meanGapSeconds()).isEqualTo(9_000.0);
    assertThat(result.journeys().firstEvent()).isEqualTo(java.time.Instant.parse("2010-12-30T10:02:00Z"));
    assertThat(dir.resolve("out/manifest.json")).exists();
  }
}
