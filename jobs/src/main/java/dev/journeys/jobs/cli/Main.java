package dev.journeys.jobs.cli;

import dev.journeys.jobs.ingest.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine;

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
      String unreadable = unreadableFile(e);
      if (unreadable != null) {
        commandLine.getErr().println("journeys: " + unreadable);
        return EXIT_INPUT_ERROR;
      }
      commandLine.getErr().println("journeys: failed: " + e);
      e.printStackTrace(commandLine.getErr());
      return CommandLine.ExitCode.SOFTWARE;
    });
    return cli.execute(args);
  }

  /**
   * When Spark could not read an input file (a Parquet file cut short, whose footer is gone), what to tell
   * the user, with the file and the cause underneath; null for any other failure.
   */
  static String unreadableFile(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && m.startsWith("[FAILED_READ_FILE")) {
        java.util.regex.Matcher file = java.util.regex.Pattern.compile("reading file (\\S+?)\\.? ").matcher(m);
        Throwable root = t;
        while (root.getCause() != null) {
          root = root.getCause();
        }
        return "Cannot read " + (file.find() ? file.group(1).replaceFirst("^file:", "") : "an input file") + ": "
            + root.getMessage() + " (is it a whole Parquet file, or a copy cut short?)";
      }
    }
    return null;
  }
}
