package dev.journeys.jobs.cli;

import dev.journeys.jobs.config.ConfigFile;
import dev.journeys.jobs.config.RunConfig;
import dev.journeys.jobs.engine.spark.Sparks;
import dev.journeys.jobs.io.Progress;
import dev.journeys.jobs.io.RunFolder;
import dev.journeys.jobs.run.RunJob;
import dev.journeys.jobs.run.RunResult;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code journeys run}: analyse event logs. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false, defaultValueProvider = OptionDefaults.class,
    description = {"Analyse event logs: journeys, variants, and every transition with its drop-off and "
        + "repeat-contact rates, ranked, plus the transition graph; the contacts that bring customers back "
        + "(repeat_contacts.csv); the time between steps and to convert; with --stages, the hand-offs between "
        + "stages (stages.csv).",
        "Inputs: XES or XES.gz (IEEE 1849), CSV or CSV.gz with a header, Parquet in the unified event schema; "
        + "files, globs or folders.", ""})
public final class RunCommand implements Callable<Integer> {

  @Option(names = {"-i", "--input"}, paramLabel = "PATH",
      description = "An input file, glob or folder (repeatable; the order breaks timestamp ties).")
  List<String> inputs;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      description = "A YAML file with the sources, how to read each, the journey rules and the ranking (see "
          + "journeys.example.yaml). With it, only --out, --no-pseudonymise, --engine, "
          + "--accept-truncated and --allow-absent-goals may be given on the command line.")
  Path config;

  @Option(names = {"-o", "--out"}, paramLabel = "DIR",
      description = "Output folder, new or holding an earlier run (whose outputs a rerun replaces once it has "
          + "finished; nothing else there is touched). Not an input folder, nor inside one. Required unless the "
          + "config file names it.")
  String out;

  @Option(names = "--no-pseudonymise",
      description = "Write the customer keys of raw exports (phone numbers, e-mail addresses, user ids) in clear. "
          + "By default they are replaced by a keyed hash (HMAC-SHA-256) with the secret in JOURNEYS_SECRET.")
  boolean noPseudonymise;

  /** Where the analysis runs. */
  public enum EngineChoice { auto, spark, local }

  /** A Spark session for one run, stopped when the run ends. */
  record SparkRun(SparkSession spark) {}

  /**
   * Runs {@code withSpark} in a Spark session it opens and stops, or {@code local} without Spark, as
   * {@code engine} says; {@code auto} takes the local engine for a small log when no Spark master is given.
   */
  static <T> T analyse(RunConfig config, EngineChoice engine, String appName,
      java.util.function.Function<SparkRun, T> withSpark, java.util.function.Supplier<T> local) {
    boolean inThisJvm = switch (engine) {
      case local -> true;
      case spark -> false;
      // spark-submit and -Dspark.master name a master: whoever gives one wants Spark.
      case auto -> System.getProperty("spark.master") == null && RunJob.suitsLocal(config);
    };
    if (inThisJvm) {
      System.out.println("Running in this JVM without Spark (a small log; --engine spark to use Spark).");
      return local.get();
    }
    SparkSession spark = Sparks.session(appName);
    try {
      return withSpark.apply(new SparkRun(spark));
    } finally {
      spark.stop();
    }
  }

  @Option(names = "--engine", defaultValue = "auto", paramLabel = "auto|spark|local", description = ENGINE_HELP)
  EngineChoice engine;

  static final String ENGINE_HELP = "Where to run: 'spark' (embedded local[*], or the cluster spark-submit gives), "
      + "'local' (this JVM alone, no Spark: XES and CSV logs on local disk, held in memory), or 'auto' (default): "
      + "local for XES/CSV logs up to 64 MB together (a .gz counted 8 times) when no Spark master is given, else "
      + "spark. The outputs are the same.";

  @Mixin RunOptions options;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (config != null) {
      List<String> others = spec.commandLine().getParseResult().matchedOptions().stream()
          .map(o -> o.longestName()).filter(n -> !List.of("--config", "--out", "--no-pseudonymise", "--engine", "--accept-truncated",
              "--allow-absent-goals").contains(n))
          .distinct().toList();
      if (!others.isEmpty()) {
        throw new IllegalArgumentException("With --config, set " + String.join(", ", others)
            + " in the config file, not on the command line");
      }
      RunConfig read = ConfigFile.read(config, out);
      RunConfig fromFile = read.withLeniency(read.acceptTruncated() || options.acceptTruncated,
          read.allowAbsentGoals() || options.allowAbsentGoals);
      return execute(noPseudonymise ? fromFile.withPseudonymise(false) : fromFile, engine);
    }
    if (inputs == null || inputs.isEmpty() || out == null) {
      throw new IllegalArgumentException("Give --input PATH and --out DIR, or --config FILE");
    }
    RunConfig fromOptions = options.toConfig(inputs, out);
    return execute(noPseudonymise ? fromOptions.withPseudonymise(false) : fromOptions, engine);
  }

  static int execute(RunConfig config, EngineChoice engine) {
    RunFolder.check(Path.of(config.outDir()), config.inputs()); // before Spark starts
    Progress progress = new Progress(System.out);
    RunResult result = analyse(config, engine, "journeys run", run -> RunJob.run(run.spark(), config, progress),
        () -> RunJob.runLocal(config, progress));
    int w = config.rules().rankedWindow();
    ConsoleSummary.print(System.out, result, config.rules().repeatWindows().get(w).label(), config.top(),
        Path.of(config.outDir()).toAbsolutePath());
    System.out.printf(java.util.Locale.ROOT, "%nFinished in %.1fs.%n", progress.totalSeconds());
    return 0;
  }
}
