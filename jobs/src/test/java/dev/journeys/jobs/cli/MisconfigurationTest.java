package dev.journeys.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run that would quietly give a wrong report says so instead, before any work where it can. */
class MisconfigurationTest {

  @TempDir Path dir;

  static final String LOG = """
      case_id,activity,timestamp
      c1,web:view,2026-03-01T09:00:00Z
      c1,web:order_completed,2026-03-01T09:10:00Z
      c2,web:view,2026-03-20T09:00:00Z
      c3,web:view,2026-03-25T09:00:00Z
      """;

  private String log(String text) throws IOException {
    return Files.writeString(dir.resolve("log.csv"), text).toString();
  }

  private JsonNode manifest(String out) throws IOException {
    return new ObjectMapper().readTree(dir.resolve(out).resolve("manifest.json").toFile());
  }

  @Test
  void aGoalThatNeverOccursFailsNamingTheNearestTouchpoints() throws IOException {
    MainTest.Outcome o = MainTest.run("run", "--input", log(LOG), "--out", dir.resolve("out").toString(),
        "--goal", "web:order_complete");
    assertThat(o.exit()).isEqualTo(3);
    assertThat(o.err()).contains("the goal 'web:order_complete' never occurs (nearest: 'web:order_completed'",
        "--allow-absent-goals");
    assertThat(dir.resolve("out/manifest.json")).doesNotExist();
  }

  @Test
  void anAbsentGoalIsNotedWhenAllowed() throws IOException {
    MainTest.Outcome o = MainTest.run("run", "--input", log(LOG), "--out", dir.resolve("out").toString(),
        "--goal", "web:order_complete", "--allow-absent-goals");
    assertThat(o.exit()).as(o.err()).isZero();
    assertThat(manifest("out").path("notes").toString()).contains("the goal 'web:order_complete' never occurs",
        "allowed: --allow-absent-goals");
  }

  @Test
  void anEventInTheFutureIsQuarantinedAndLeavesTheCutOffAndFatesAlone() throws IOException {
    String withPlaceholder = LOG + "c4,web:view,9999-12-31T00:00:00Z\n";
    MainTest.Outcome o = MainTest.run("run", "--input", log(withPlaceholder), "--out", dir.resolve("out").toString(),
        "--goal", "web:order_completed", "--max-bad-rows-share", "0.5");
    assertThat(o.exit()).as(o.err()).isZero();
    JsonNode m = manifest("out");
    assertThat(m.path("cut_off").asText()).isEqualTo("2026-03-25T09:00:00Z");
    assertThat(m.path("counts").path("journeys_pending").asLong()).isEqualTo(2);
    assertThat(m.path("counts").path("journeys_dropped").asLong()).isZero();
    assertThat(Files.readString(dir.resolve("out/quarantine.csv"))).contains(",6,", "in the future: 9999-12-31");
  }

  @Test
  void eventsBefore1970AreReportedInTheDataQuality() throws IOException {
    MainTest.Outcome o = MainTest.run("run", "--input", log(LOG + "c5,web:view,1901-01-01T00:00:00Z\n"), "--out",
        dir.resolve("out").toString(), "--max-bad-rows-share", "0.5");
    assertThat(o.exit()).as(o.err()).isZero();
    assertThat(manifest("out").path("notes").toString()).contains("The first event is dated 1901-01-01T00:00:00Z");
    assertThat(Files.readString(dir.resolve("out/report.html"))).contains("The first event is dated 1901");
  }

  @Test
  void numericOptionsOutOfRangeAreRefusedBeforeAnyWork() throws IOException {
    String input = log(LOG);
    String out = dir.resolve("out").toString();
    assertThat(MainTest.run("run", "--input", input, "--out", out, "--min-passages", "-1").err())
        .contains("--min-passages: expected 0 or more, got -1");
    MainTest.Outcome top = MainTest.run("run", "--input", input, "--out", out, "--top", "-3");
    assertThat(top.exit()).isEqualTo(2);
    assertThat(top.err()).contains("--top: expected 1 or more, got -3");
    assertThat(top.out()).doesNotContain("ingest");
    assertThat(MainTest.run("run", "--input", input, "--out", out, "--inactivity", "0d").err())
        .contains("--inactivity: expected a duration longer than zero, got '0d'");
    assertThat(MainTest.run("run", "--input", input, "--out", out, "--repeat-windows", "7d,0h").err())
        .contains("--repeat-windows: expected a duration longer than zero");
    assertThat(MainTest.run("run", "--input", input, "--out", out, "--max-bad-rows-share", "NaN").err())
        .contains("--max-bad-rows-share: expected a share between 0 and 1");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void configValuesOutOfRangeAreEachNamed() throws IOException {
    Path config = Files.writeString(dir.resolve("journeys.yaml"), """
        sources: [{path: log.csv}]
        ranking: {min-passages: -3, top: 0}
        identity: {max-keys: 0}
        nightly: {window: 0d}
        out: out
        """);
    log(LOG);
    MainTest.Outcome o = MainTest.run("run", "--config", config.toString());
    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.err()).contains("min-passages", "expected 0 or more, got -3", "top", "expected 1 or more, got 0",
        "max-keys", "window", "expected a duration longer than zero");
  }

  @Test
  void aGuessableSecretIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> dev.journeys.jobs.ingest.Pseudonymiser.of(" ".repeat(16)))
        .hasMessageContaining("too easy to guess");
  }
}
