package dev.journeys.jobs.cli;

import dev.journeys.jobs.generate.SampleJourneys;
import dev.journeys.jobs.generate.SampleLog;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code journeys demo}: generate the sample log with planted gaps and run the whole pipeline on it. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Generate a multi-channel sample log with planted gaps (see truth.json beside it) and run the "
        + "whole analysis on it, journeys per customer, goal " + SampleJourneys.GOAL + ".", ""})
public final class DemoCommand implements Callable<Integer> {

  @Option(names = "--customers", defaultValue = "100000", paramLabel = "N",
      description = "Customers to generate. Default: ${DEFAULT-VALUE}.")
  long customers;

  @Option(names = {"-o", "--out"}, defaultValue = "demo-out", paramLabel = "DIR",
      description = "Output folder; the sample log goes to DIR/sample/. Default: ${DEFAULT-VALUE}.")
  String out;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Override
  public Integer call() {
    Path sample = Path.of(out, "sample");
    System.out.printf("Generating %,d customers into %s ...%n", customers, sample.toAbsolutePath());
    long rows = SampleLog.write(sample, customers, seed);
    System.out.printf("Wrote %,d rows; the planted gaps are in %s%n", rows, sample.resolve("truth.json").toAbsolutePath());
    RunOptions options = new RunOptions();
    new CommandLine(options).parseArgs(demoArguments().toArray(String[]::new));
    return RunCommand.execute(options.toConfig(List.of(sample.resolve(SampleLog.EVENTS_FILE).toString()), out));
  }

  /** The options that read the sample log: the same as a user would pass to {@code journeys run}. */
  public static List<String> demoArguments() {
    return List.of("--journey-by", "customer", "--customer-column", "customer_id", "--activity-column", "touchpoint",
        "--channel-column", "channel", "--owner-column", "owner", "--assisted-column", "assisted",
        "--goal", SampleJourneys.GOAL);
  }
}
