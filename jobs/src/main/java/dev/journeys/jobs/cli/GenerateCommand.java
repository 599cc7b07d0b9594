package dev.journeys.jobs.cli;

import dev.journeys.jobs.generate.SampleExports;
import dev.journeys.jobs.generate.SampleLog;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code journeys generate}: write the sample log with planted gaps. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Write a deterministic multi-channel sample log (DIR/events.csv.gz, columns customer_id, "
        + "timestamp, touchpoint, channel, owner, assisted) and the planted gaps with their true rates "
        + "(DIR/truth.json), with the archetype's stages for --stages (DIR/stages.yaml). About 8 events per customer; "
        + "one row in 20,011 is deliberately broken.", ""})
public final class GenerateCommand implements Callable<Integer> {

  @Option(names = "--customers", required = true, paramLabel = "N", description = "Customers to generate.")
  long customers;

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Output folder.")
  String out;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--raw", description = "Write the customers as raw exports instead: Segment JSON lines, Amazon "
      + "Connect contact records, Salesforce Contact, Case and Task CSV, with journeys.yaml mapping them.")
  boolean raw;

  @Override
  public Integer call() {
    if (raw) {
      long records = SampleExports.write(Path.of(out), customers, seed);
      System.out.printf("Wrote %,d records for %,d customers to %s (run them with --config %s)%n", records, customers,
          Path.of(out).toAbsolutePath(), Path.of(out, SampleExports.CONFIG));
      return 0;
    }
    long rows = SampleLog.write(Path.of(out), customers, seed);
    System.out.printf("Wrote %,d rows for %,d customers to %s%n", rows, customers, Path.of(out).toAbsolutePath());
    return 0;
  }
}
