package dev.journeys.jobs.cli;

import dev.journeys.jobs.ingest.InputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code journeys} command line: run, demo, generate. */
@Command(name = "journeys", mixinStandardHelpOptions = true, version = "journeys 0.1.0",
    description = {"Find the gaps in customer journeys: journeys, variants and every transition ranked by "
        + "drop-off and repeat-contact rate, with 95%% Wilson intervals.", ""},
    subcommands = {RunCommand.class, NightlyCommand.class, DemoCommand.class, GenerateCommand.class,
        CommandLine.HelpCommand.class},
    footer = {"", "Exit codes: 0 success, 1 failure, 2 bad command line, 3 input error (missing file or column, "
        + "or more unreadable rows than --max-bad-rows-share)."})
public final class Main {

  public static final int EXIT_INPUT_ERROR = 3;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof InputException || e instanceof IllegalArgumentException) {
        commandLine.getErr().println("journeys: " + e.getMessage());
        return e instanceof InputException ? EXIT_INPUT_ERROR : CommandLine.ExitCode.USAGE;
      }
      commandLine.getErr().println("journeys: failed: " + e);
      e.printStackTrace(commandLine.getErr());
      return CommandLine.ExitCode.SOFTWARE;
    });
    return cli.execute(args);
  }
}
