package dev.journeys.jobs.cli;

import dev.journeys.jobs.config.ConfigFile;
import dev.journeys.jobs.config.ConfigReader;
import dev.journeys.jobs.config.RunConfig;
import dev.journeys.jobs.io.FolderLock;
import dev.journeys.jobs.io.Progress;
import dev.journeys.jobs.io.RunFolder;
import dev.journeys.jobs.report.RunComparison;
import dev.journeys.jobs.run.RunJob;
import dev.journeys.jobs.run.RunResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code journeys nightly}: one date's run over a trailing window, written under {@code dt=DATE/}, finished or not at all. */
@Command(name = "nightly", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Run the config's sources for a trailing window (nightly.window, default 90d) ending at the end "
        + "of DATE (UTC), and write every output under OUT/dt=DATE/, the manifest last. The run is written aside and "
        + "moved into place when it has finished: a rerun of a date replaces that date and nothing else, and a run "
        + "killed half-way leaves no date that looks finished.", ""},
    footer = {"", "Exit codes: 0 success, 1 failure, 2 bad command line or config, 3 input error (missing file, "
        + "or more unreadable rows than max-bad-rows-share)."})
public final class NightlyCommand implements Callable<Integer> {

  @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "The run's YAML config.")
  Path config;

  @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD",
      description = "The date to report on; its end (next midnight, UTC) is the cut-off.")
  String date;

  @Option(names = {"-o", "--out"}, paramLabel = "DIR",
      description = "The folder that holds the dt=DATE folders. Default: the config's out.")
  String out;

  @Option(names = "--no-pseudonymise", description = "Write customer keys of raw exports in clear.")
  boolean noPseudonymise;

  @Option(names = "--accept-truncated", description = "As the config's accept-truncated: analyse what could be "
      + "read of a file that ends early instead of failing.")
  boolean acceptTruncated;

  @Option(names = "--allow-absent-goals", description = "As the config's allow-absent-goals: run on when a goal or "
      + "start touchpoint does not occur in the window (a quiet day).")
  boolean allowAbsentGoals;

  @Option(names = "--engine", defaultValue = "auto", paramLabel = "auto|spark|local",
      description = RunCommand.ENGINE_HELP)
  RunCommand.EngineChoice engine;

  @Override
  public Integer call() {
    RunConfig parsed = configFor(config, parseDate(date), out); // config errors before any Spark
    RunConfig lenient = parsed.withLeniency(parsed.acceptTruncated() || acceptTruncated,
        parsed.allowAbsentGoals() || allowAbsentGoals);
    RunConfig day = noPseudonymise ? lenient.withPseudonymise(false) : lenient;
    Path target = finalFolder(day).toAbsolutePath();
    RunFolder.checkNightly(target.getParent(), target, day.inputs()); // before Spark starts
    Progress progress = new Progress(System.out);
    RunResult result = RunCommand.analyse(day, engine, "journeys nightly " + date,
        run -> run((c, compare) -> RunJob.run(run.spark(), c, progress, RunJob.Writes.IN_PLACE, compare), day),
        () -> run((c, compare) -> RunJob.runLocal(c, progress, RunJob.Writes.IN_PLACE, compare), day));
    int w = day.rules().rankedWindow();
    ConsoleSummary.print(System.out, result, day.rules().repeatWindows().get(w).label(), day.top(),
        finalFolder(day).toAbsolutePath());
    return 0;
  }

  static LocalDate parseDate(String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--date: cannot read '" + text + "' (expected YYYY-MM-DD, e.g. 2026-06-30)");
    }
  }

  /** The config's run for {@code date}: window (end − nightly.window, end], written aside until finished. */
  public static RunConfig configFor(Path configFile, LocalDate date, String outOverride) {
    ConfigReader.Parsed parsed = ConfigFile.parse(configFile, outOverride);
    RunConfig base = parsed.run();
    Duration window = parsed.nightlyWindow();
    Instant end = date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Path staging = Path.of(base.outDir()).resolve("_unfinished-dt=" + date);
    return base.withWindow(end.minus(window), end, staging.toString());
  }

  /** Runs into the staging folder, then moves it to {@code dt=DATE}, replacing an earlier run of that date. */
  public static RunResult run(SparkSession spark, RunConfig day, Progress progress) {
    return run((c, compare) -> RunJob.run(spark, c, progress, RunJob.Writes.IN_PLACE, compare), day);
  }

  /**
   * As above, with the analysis run by {@code analysis} (with Spark or without), which is given the comparison with
   * the previous run to make once the tables are written, before the report, so that the report shows it.
   */
  static RunResult run(java.util.function.BiFunction<RunConfig, RunJob.BeforeReport, RunResult> analysis,
      RunConfig day) {
    Path staging = Path.of(day.outDir()).toAbsolutePath();
    Path target = finalFolder(day).toAbsolutePath();
    RunFolder.checkNightly(target.getParent(), target, day.inputs());
    try (FolderLock lock = FolderLock.take(target.resolveSibling("." + target.getFileName() + ".lock"),
        "Another nightly run of " + target.getFileName() + " is writing into " + target.getParent())) {
      return runLocked(analysis, day, staging, target);
    }
  }

  private static RunResult runLocked(java.util.function.BiFunction<RunConfig, RunJob.BeforeReport, RunResult> analysis,
      RunConfig day, Path staging, Path target) {
    RunFolder.delete(staging);
    String date = target.getFileName().toString().substring(3);
    RunResult result = analysis.apply(day, (dir, manifest) ->
        RunComparison.write(dir, manifest, RunComparison.previousFinished(target.getParent(), date), date));
    Path previous = staging.resolveSibling("_replaced-" + target.getFileName());
    try {
      RunFolder.delete(previous);
      if (Files.exists(target)) {
        Files.move(target, previous, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      RunFolder.delete(previous);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot move " + staging + " to " + target + ": " + e.getMessage(), e);
    }
    return result;
  }

  static Path finalFolder(RunConfig day) {
    Path staging = Path.of(day.outDir());
    return staging.resolveSibling(staging.getFileName().toString().replace("_unfinished-", ""));
  }
}
