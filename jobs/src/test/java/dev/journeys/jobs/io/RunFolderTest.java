package dev.journeys.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeys.jobs.cli.NightlyCommand;
import dev.journeys.jobs.config.RunConfig;
import dev.journeys.jobs.ingest.ReadOptions;
import dev.journeys.jobs.run.RunJob;
import dev.journeys.jobs.support.SparkTest;
import dev.journeys.model.journey.JourneyRules;
import dev.journeys.model.transition.RankBy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run never deletes its inputs or files it did not write, and refuses an output folder it cannot use safely. */
class RunFolderTest {

  @TempDir Path dir;

  private static final String LOG = """
      case_id,activity,timestamp
      c1,web:a,2026-03-01T09:00:00Z
      c1,web:b,2026-03-01T09:05:00Z
      c2,web:a,2026-03-02T10:00:00Z
      c2,web:order,2026-03-02T10:02:00Z
      """;

  private RunConfig config(String input, Path out) {
    ReadOptions read = new ReadOptions("case_id", "activity", "timestamp", null, null, null, null,
        ReadOptions.ASSISTED_CHANNELS_DEFAULT, null, java.time.ZoneOffset.UTC, ',', null);
    return new RunConfig(List.of(input), out.toString(), read, JourneyRules.defaults().withGoals(Set.of("web:order")),
        Instant.parse("2026-04-30T00:00:00Z"), RankBy.LOWER_BOUND, 1, 0.01, 10);
  }

  private Path log() throws IOException {
    return Files.writeString(dir.resolve("log.csv"), LOG);
  }

  @Test
  void aRerunReadsItsOwnEventsBackIntoTheSameFolder() throws IOException {
    Path out = dir.resolve("OUT");
    RunJob.run(SparkTest.spark(), config(log().toString(), out), Progress.silent());
    String first = Files.readString(out.resolve("transitions.csv"));

    RunJob.run(SparkTest.spark(), config(out.resolve("events").toString(), out), Progress.silent());

    assertThat(out.resolve("manifest.json")).exists();
    assertThat(out.resolve("events")).isDirectory();
    assertThat(Files.readString(out.resolve("transitions.csv"))).isEqualTo(first);
    assertThat(out.resolve("_unfinished-run")).doesNotExist();
  }

  @Test
  void refusesAnOutputFolderThatIsTheInputFolder() throws IOException {
    log();
    assertThatThrownBy(() -> RunJob.runLocal(config(dir.toString(), dir), Progress.silent()))
        .isInstanceOf(FolderException.class).hasMessageContaining("is the input");
    assertThat(dir.resolve("log.csv")).hasContent(LOG);
  }

  @Test
  void refusesAnOutputFolderInsideAnInputFolder() throws IOException {
    log();
    assertThatThrownBy(() -> RunJob.runLocal(config(dir.toString(), dir.resolve("results")), Progress.silent()))
        .isInstanceOf(FolderException.class).hasMessageContaining("lies inside the input");
  }

  @Test
  void refusesAFolderHoldingOtherFilesAndLeavesThemAlone() throws IOException {
    Path out = Files.createDirectories(dir.resolve("documents"));
    Files.writeString(out.resolve("thesis.docx"), "mine");
    assertThatThrownBy(() -> RunFolder.check(out, List.of(log().toString())))
        .isInstanceOf(FolderException.class).hasMessageContaining("thesis.docx");
    assertThatThrownBy(() -> RunJob.runLocal(config(log().toString(), out), Progress.silent()))
        .isInstanceOf(FolderException.class);
    assertThat(out.resolve("thesis.docx")).hasContent("mine");
    try (var entries = Files.list(out)) {
      assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("thesis.docx");
    }
  }

  @Test
  void refusesOutputNamesThatNoRunOfJourneysWrote() throws IOException {
    Path out = Files.createDirectories(dir.resolve("OUT/events"));
    Files.writeString(out.resolve("mine.parquet"), "not ours");
    assertThatThrownBy(() -> RunJob.runLocal(config(log().toString(), dir.resolve("OUT")), Progress.silent()))
        .isInstanceOf(FolderException.class).hasMessageContaining("events")
        .hasMessageContaining("no manifest.json");
    assertThat(out.resolve("mine.parquet")).hasContent("not ours");
  }

  @Test
  void keepsFoldersBesideAFinishedRunAndReplacesOnlyItsOwnOutputs() throws IOException {
    Path out = dir.resolve("OUT");
    RunJob.runLocal(config(log().toString(), out), Progress.silent());
    Files.createDirectories(out.resolve("config-run"));
    Files.writeString(out.resolve("config-run/notes.txt"), "mine");
    Files.writeString(out.resolve("stitching.json"), "{}"); // an earlier raw run's, not written by this one

    RunJob.runLocal(config(log().toString(), out), Progress.silent());

    assertThat(out.resolve("config-run/notes.txt")).hasContent("mine");
    assertThat(out.resolve("stitching.json")).doesNotExist();
    assertThat(out.resolve("manifest.json")).exists();
  }

  @Test
  void aFailedRunLeavesTheEarlierOutputsAsTheyWere() throws IOException {
    Path out = dir.resolve("OUT");
    RunJob.runLocal(config(log().toString(), out), Progress.silent());
    String manifest = Files.readString(out.resolve("manifest.json"));
    Path bad = Files.writeString(dir.resolve("bad.csv"), "case_id,activity,timestamp\nc1,web:a,yesterday\n");

    assertThatThrownBy(() -> RunJob.runLocal(config(bad.toString(), out), Progress.silent()))
        .hasMessageContaining("could not be read");

    assertThat(out.resolve("manifest.json")).hasContent(manifest);
    assertThat(out.resolve("transitions.csv")).exists();
    assertThat(out.resolve("_unfinished-run/quarantine.csv")).content().contains("cannot read timestamp 'yesterday'");
  }

  @Test
  void aSecondRunIntoTheSameFolderIsTurnedAway() throws IOException {
    Path out = Files.createDirectories(dir.resolve("OUT"));
    try (FolderLock held = FolderLock.take(out.resolve(RunFolder.LOCK), "busy")) {
      assertThatThrownBy(() -> RunJob.runLocal(config(log().toString(), out), Progress.silent()))
          .isInstanceOf(FolderException.class).hasMessageContaining("Another run is writing into");
    }
    RunJob.runLocal(config(log().toString(), out), Progress.silent());
    assertThat(out.resolve("manifest.json")).exists();
  }

  @Test
  void aSecondNightlyRunOfTheSameDateIsTurnedAway() throws IOException {
    Path yaml = Files.writeString(dir.resolve("journeys.yaml"), """
        sources: [{path: %s}]
        journeys: {goals: [web:order]}
        out: %s
        nightly: {window: 30d}
        """.formatted(log(), dir.resolve("nightly")));
    RunConfig day = NightlyCommand.configFor(yaml, java.time.LocalDate.parse("2026-03-02"), null);
    Path root = Files.createDirectories(dir.resolve("nightly"));
    try (FolderLock held = FolderLock.take(root.resolve(".dt=2026-03-02.lock"), "busy")) {
      assertThatThrownBy(() -> NightlyCommand.run(SparkTest.spark(), day, Progress.silent()))
          .isInstanceOf(FolderException.class)
          .hasMessageContaining("Another nightly run of dt=2026-03-02");
    }
    NightlyCommand.run(SparkTest.spark(), day, Progress.silent());
    assertThat(root.resolve("dt=2026-03-02/manifest.json")).exists();
  }

  @Test
  void aFolderThatCannotBeWrittenIsRefusedBeforeAnyWork() throws IOException {
    // /proc refuses new files whoever runs the test (root ignores a folder's permission bits).
    Path readOnly = Path.of("/proc/journeys-out");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
    assertThatThrownBy(() -> RunFolder.check(readOnly, List.of(log().toString())))
        .isInstanceOf(FolderException.class).hasMessageContaining("Cannot write to --out /proc/journeys-out");
  }
}
