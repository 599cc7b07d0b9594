package dev.journeys.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {

  record Outcome(int exit, String out, String err) {}

  static Outcome run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int exit = Main.execute(args);
      return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void runHelpExplainsEveryOption() {
    Outcome o = run("run", "--help");
    assertThat(o.exit()).isZero();
    assertThat(o.out()).contains("--input", "--out", "--journey-by", "--case-column", "--activity-column",
        "--timestamp-column", "--customer-column", "--channel-column", "--owner-column", "--assisted-column",
        "--assisted-channels", "--lifecycle", "--goal", "--inactivity", "--repeat-windows", "--cut-off", "--rank-by",
        "--min-passages", "--max-bad-rows-share");
  }

  @Test
  void rejectsAnUnknownRankKeyWithUsageExit() {
    Outcome o = run("run", "--input", "x.csv", "--out", "o", "--rank-by", "worst");
    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.err()).contains("--rank-by: Unknown rank key 'worst': expected lower-bound, impact or rate");
  }

  @Test
  void journeysByCustomerNeedACustomerColumn() {
    Outcome o = run("run", "--input", "x.csv", "--out", "o", "--journey-by", "customer");
    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.err()).contains("--customer-column: missing: journeys by customer need each source's customer column");
  }

  @Test
  void aBadDurationNamesTheOption() {
    Outcome o = run("run", "--input", "x.csv", "--out", "o", "--inactivity", "a month");
    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.err()).contains("--inactivity: Cannot read duration 'a month'");
  }

  @Test
  void withAConfigOtherOptionsBelongInTheFile() {
    Outcome o = run("run", "--config", "journeys.yaml", "--goal", "web:order");
    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.err()).contains("With --config, set --goal in the config file, not on the command line");
  }

  @Test
  void runNeedsInputsOrAConfig() {
    Outcome o = run("run", "--out", "o");
    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.err()).contains("Give --input PATH and --out DIR, or --config FILE");
  }
}
