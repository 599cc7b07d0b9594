package dev.journeys.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeys.jobs.config.ConfigFile;
import dev.journeys.jobs.config.RunConfig;
import dev.journeys.jobs.io.Progress;
import dev.journeys.jobs.support.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The paths around a touchpoint, in paths.csv, by both engines; the default touchpoint is the worst drop-off's. */
class PathsRunTest {

  @TempDir static Path dir;

  /** Three journeys pass web:rates (two drop, one converts); one never does. */
  @BeforeAll
  static void writeLog() throws IOException {
    Files.writeString(dir.resolve("log.csv"), """
        customer_id,timestamp,activity
        c1,2026-03-01T10:00:00Z,web:home
        c1,2026-03-01T10:01:00Z,web:rates
        c1,2026-03-01T10:02:00Z,web:faq
        c2,2026-03-01T10:00:00Z,web:home
        c2,2026-03-01T10:01:00Z,web:rates
        c2,2026-03-01T10:02:00Z,web:apply
        c2,2026-03-01T10:03:00Z,web:order
        c3,2026-03-01T10:00:00Z,email:offer
        c3,2026-03-01T10:01:00Z,web:rates
        c4,2026-03-01T10:00:00Z,web:home
        c4,2026-03-01T10:01:00Z,web:order
        """);
  }

  static RunConfig config(String out, String extra) throws IOException {
    Path yaml = Files.writeString(dir.resolve(out + ".yaml"), """
        sources: [{path: log.csv, customer-column: customer_id}]
        journeys: {by: customer, goals: [web:order], cut-off: 2026-06-01T00:00:00Z}
        ranking: {min-passages: 1}
        %s
        out: %s
        """.formatted(extra, out));
    return ConfigFile.read(yaml, null);
  }

  @Test
  void pathsCsvListsThePathsBeforeAndAfterAndWhatTheDroppedDidLast() throws IOException {
    RunJob.runLocal(config("local", "paths: {around: web:rates}"), Progress.silent());
    RunJob.run(SparkTest.spark(), config("spark", "paths: {around: web:rates}"), Progress.silent());
    assertThat(Files.readAllLines(dir.resolve("local/paths.csv"))).containsExactly(
        "around,side,rank,path,journeys,share,converted_share,dropped_share,pending_share,unjudged_share",
        "web:rates,before,1,START → web:home → web:rates,2,0.6666666666666666,0.5,0.5,0,0",
        "web:rates,before,2,START → email:offer → web:rates,1,0.3333333333333333,0,1,0,0",
        "web:rates,after,1,web:rates → END,1,0.3333333333333333,0,1,0,0",
        "web:rates,after,2,web:rates → web:apply → web:order → END,1,0.3333333333333333,1,0,0,0",
        "web:rates,after,3,web:rates → web:faq → END,1,0.3333333333333333,0,1,0,0",
        "web:rates,dropped_last,1,web:faq,1,0.5,0,1,0,0",
        "web:rates,dropped_last,2,web:rates,1,0.5,0,1,0,0");
    assertThat(dir.resolve("spark/paths.csv")).hasSameTextualContentAs(dir.resolve("local/paths.csv"));
    assertThat(SparkTest.spark().read().parquet(dir.resolve("spark/paths").toString()).count()).isEqualTo(7);
    assertThat(Files.readString(dir.resolve("local/report.html"))).contains("Paths around web:rates");
  }

  @Test
  void byDefaultThePathsAreAroundTheTouchpointAfterTheWorstDropOff() throws IOException {
    RunResult result = RunJob.runLocal(config("default", ""), Progress.silent());
    String worst = result.dropOffRanking().get(0).transition().to();
    assertThat(result.paths().around()).isEqualTo(worst.equals("END")
        ? result.dropOffRanking().get(0).transition().from() : worst);
    assertThat(Files.readAllLines(dir.resolve("default/paths.csv")).get(1)).startsWith(result.paths().around() + ",");
  }

  @Test
  void aTouchpointToGoAroundThatNeverOccursFailsNamingTheNearest() throws IOException {
    RunConfig config = config("typo", "paths: {around: web:rate}");
    assertThatThrownBy(() -> RunJob.runLocal(config, Progress.silent()))
        .hasMessageContaining("the --around touchpoint 'web:rate' never occurs (nearest: 'web:rates'");
  }
}
