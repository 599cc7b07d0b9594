package dev.journeys.jobs.cli;

import dev.journeys.jobs.RunConfig;
import dev.journeys.jobs.RunJob;
import dev.journeys.jobs.io.Sparks;
import dev.journeys.jobs.report.ConsoleSummary;
import dev.journeys.jobs.report.Progress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code journeys run}: analyse event logs. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Analyse event logs: journeys, variants, and every transition with its drop-off and "
        + "repeat-contact rates, ranked, plus the transition graph.",
        "Inputs: XES or XES.gz (IEEE 1849), CSV or CSV.gz with a header, Parquet in the unified event schema; "
        + "files, globs or folders.", ""})
public final class RunCommand implements Callable<Integer> {

  @Option(names = {"-i", "--input"}, required = true, paramLabel = "PATH",
      description = "An input file, glob or folder (repeatable; the order breaks timestamp ties).")
  List<String> inputs;

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR",
      description = "Output folder; a rerun replaces its tables.")
  String out;

  @Mixin RunOptions options;

  @Override
  public Integer call() {
    RunConfig config = options.toConfig(inputs, out);
    return execute(config);
  }

  static int execute(RunConfig config) {
    SparkSession spark = Sparks.session("journeys run");
    try {
      Progress progress = new Progress(System.out);
      RunJob.Result result = RunJob.run(spark, config, progress);
      int w = config.rules().rankedWindow();
      ConsoleSummary.print(System.out, result, config.rules().repeatWindows().get(w).label(), config.top(),
          Path.of(config.outDir()).toAbsolutePath());
      System.out.printf(java.util.Locale.ROOT, "%nFinished in %.1fs.%n", progress.totalSeconds());
      return 0;
    } finally {
      spark.stop();
    }
  }
}
