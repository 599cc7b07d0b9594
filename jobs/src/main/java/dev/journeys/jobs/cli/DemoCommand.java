package dev.journeys.jobs.cli;

import dev.journeys.jobs.config.ConfigFile;
import dev.journeys.jobs.config.RunConfig;
import dev.journeys.jobs.generate.SampleExports;
import dev.journeys.jobs.generate.SampleJourneys;
import dev.journeys.jobs.generate.SampleLog;
import dev.journeys.jobs.ingest.Pseudonymiser;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code journeys demo}: generate the sample log with planted gaps and run the whole pipeline on it. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Generate sample customers with planted gaps as the raw exports of a web tracker (Segment), a "
        + "contact centre (Amazon Connect) and a CRM (Salesforce), with journeys.yaml mapping them, and run the whole "
        + "analysis on them: read, stitch identities, pseudonymise, journeys per customer in the archetype's stages "
        + "(evaluate, buy, access, use, ask; goals " + SampleJourneys.GOAL + " and " + SampleJourneys.ACTIVATED
        + "). The planted gaps and their true rates are in DIR/sample/truth.json.", ""})
public final class DemoCommand implements Callable<Integer> {

  @Option(names = "--customers", defaultValue = "100000", paramLabel = "N",
      description = "Customers to generate. Default: ${DEFAULT-VALUE}.")
  long customers;

  @Option(names = {"-o", "--out"}, defaultValue = "demo-out", paramLabel = "DIR",
      description = "Output folder; the sample log goes to DIR/sample/. Default: ${DEFAULT-VALUE}.")
  String out;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--event-log", description = "Generate one tidy event log (CSV) instead of raw exports.")
  boolean eventLog;

  /** The secret the demo pseudonymises with when JOURNEYS_SECRET is not set: fine for sample data, not for real. */
  static final String DEMO_SECRET = "journeys-demo-secret-not-for-real-data";

  @Override
  public Integer call() {
    Path sample = Path.of(out, "sample");
    System.out.printf("Generating %,d customers into %s ...%n", customers, sample.toAbsolutePath());
    if (eventLog) {
      long rows = SampleLog.write(sample, customers, seed);
      System.out.printf("Wrote %,d rows; the planted gaps are in %s%n", rows, sample.resolve("truth.json").toAbsolutePath());
      RunOptions options = new RunOptions();
      new CommandLine(options).parseArgs(demoArguments(sample).toArray(String[]::new));
      return RunCommand.execute(options.toConfig(List.of(sample.resolve(SampleLog.EVENTS_FILE).toString()), out),
          RunCommand.EngineChoice.auto);
    }
    long records = SampleExports.write(sample, customers, seed);
    System.out.printf("Wrote %,d records as raw exports, mapped by %s; the planted gaps are in %s%n", records,
        sample.resolve(SampleExports.CONFIG).toAbsolutePath(), sample.resolve("truth.json").toAbsolutePath());
    RunConfig config = ConfigFile.read(sample.resolve(SampleExports.CONFIG), out);
    if (System.getenv(Pseudonymiser.SECRET_VARIABLE) == null) {
      System.out.println("JOURNEYS_SECRET is not set: the demo pseudonymises with a built-in demo secret "
          + "(set your own for real data).");
      config = config.withSecret(DEMO_SECRET);
    }
    return RunCommand.execute(config, RunCommand.EngineChoice.auto);
  }

  /**
   * The options that read the sample log in {@code sample} with its stages and its customers in segments by region, as
   * a user would pass them.
   */
  public static List<String> demoArguments(Path sample) {
    List<String> arguments = new java.util.ArrayList<>(demoArguments());
    arguments.remove(arguments.size() - 1);
    arguments.remove(arguments.size() - 1); // the stages' goals replace --goal
    arguments.addAll(List.of("--stages", sample.resolve(SampleLog.STAGES_FILE).toString(), "--segment-by", "region"));
    return arguments;
  }

  /**
   * The options that read the sample log with the purchase as its goal and no stages: the same as a user would pass
   * to {@code journeys run} (the benchmark's analysis).
   */
  public static List<String> demoArguments() {
    return List.of("--journey-by", "customer", "--customer-column", "customer_id", "--activity-column", "touchpoint",
        "--channel-column", "channel", "--owner-column", "owner", "--assisted-column", "assisted",
        "--goal", SampleJourneys.GOAL);
  }
}
