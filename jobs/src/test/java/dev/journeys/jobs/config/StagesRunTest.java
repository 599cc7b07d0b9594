package dev.journeys.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.jobs.io.Progress;
import dev.journeys.jobs.run.RunJob;
import dev.journeys.jobs.support.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DESIGN's stages worked example, run from a config with {@code stages:}: the stage passages in stages.csv. */
class StagesRunTest {

  /** DESIGN's worked example as a CSV log. */
  static final String WORKED_EXAMPLE = """
        customer_id,timestamp,activity
        c1,2026-03-01T09:00:00Z,web:view_rates
        c1,2026-03-01T09:05:00Z,web:apply_start
        c1,2026-03-01T09:20:00Z,phone:sales_call
        c1,2026-03-01T10:00:00Z,web:order_completed
        c1,2026-03-03T14:00:00Z,phone:support_call
        c2,2026-03-02T10:00:00Z,web:view_rates
        c2,2026-03-02T10:02:00Z,web:apply_start
        c3,2026-04-25T10:00:00Z,web:view_rates
        """;

  @TempDir Path dir;

  @Test
  void stagesCsvHoldsTheWorkedExamplesStagePassagesAndTheServiceCallIsUnjudged() throws IOException {
    Files.writeString(dir.resolve("log.csv"), WORKED_EXAMPLE);
    Path config = Files.writeString(dir.resolve("journeys.yaml"), """
        sources: [{path: log.csv, customer-column: customer_id}]
        journeys: {by: customer, cut-off: 2026-04-30T00:00:00Z, repeat-windows: [7d]}
        stages:
          - {name: evaluate, touchpoints: ["web:view_*", "web:apply_*", "phone:rates_*"], goals: [web:order_completed]}
          - {name: buy, touchpoints: ["phone:sales_*", "web:order_*"]}
          - {name: access, touchpoints: ["email:welcome*", "web:activate*"], goals: [web:account_activated]}
          - {name: ask, touchpoints: ["phone:support_*", "chat:*", "crm:case_*"]}
        ranking: {min-passages: 1}
        allow-absent-goals: true
        out: out
        """);

    var result = RunJob.run(SparkTest.spark(), ConfigFile.read(config, null), Progress.silent());

    List<String> lines = Files.readAllLines(dir.resolve("out/stages.csv"));
    assertThat(lines.get(0)).isEqualTo("from_stage,to_stage,passages,customers,median_gap_seconds,p90_gap_seconds,"
        + "stall_rate,stall_lower,stall_upper,stall_decided,stall_hits,repeat_contact_rate_7d,repeat_contact_lower_7d,"
        + "repeat_contact_upper_7d,repeat_contact_decided_7d,repeat_contact_hits_7d,stall_rank");
    assertThat(lines).hasSize(6);
    // Stall: of the passages whose second event's journey was decided, the share whose journey dropped; repeat
    // contact within 7 days after the passage's second event. Only hand-offs are ranked: not from START, not into END.
    assertThat(row(lines, "START,evaluate")).startsWith("START,evaluate,3,3,,,0.5,").endsWith(",2,1,0.5,"
        + "0.09453120463920084,0.9054687953607992,2,1,");
    assertThat(row(lines, "evaluate,buy")).startsWith("evaluate,buy,1,1,900,900,0,0,0.7934506882081973,1,0,1,")
        .endsWith(",1,1,1");
    assertThat(row(lines, "buy,ask")).isEqualTo("buy,ask,1,1,187200,187200,,,,0,0,0,0,0.7934506882081973,1,0,");
    assertThat(row(lines, "ask,END")).startsWith("ask,END,1,1,,,,,,0,0,");
    assertThat(row(lines, "evaluate,END")).startsWith("evaluate,END,2,2,,,1,0.2065493117918027,1,1,1,0,0,")
        .endsWith(",1,0,");
    assertThat(Files.isDirectory(dir.resolve("out/stages"))).isTrue();
    assertThat(SparkTest.spark().read().parquet(dir.resolve("out/stages").toString()).count()).isEqualTo(5);
    com.fasterxml.jackson.databind.JsonNode stages = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(dir.resolve("out/manifest.json").toFile()).get("stages");
    assertThat(stages).hasSize(5);
    assertThat(stages.get(0).toString()).isEqualTo("{\"name\":\"evaluate\",\"touchpoints\":[\"web:view_*\","
        + "\"web:apply_*\",\"phone:rates_*\"],\"goals\":[\"web:order_completed\"],\"journeys\":3,\"converted\":1,"
        + "\"dropped\":1,\"pending\":1,\"unjudged\":0}");
    assertThat(stages.get(3).get("name").asText()).isEqualTo("ask");
    assertThat(stages.get(3).get("unjudged").asLong()).isEqualTo(1);
    assertThat(stages.get(4).get("name").asText()).isEqualTo("other");
    java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
    dev.journeys.jobs.cli.ConsoleSummary.print(new java.io.PrintStream(console, true,
        java.nio.charset.StandardCharsets.UTF_8), result, "7d", 5, dir.resolve("out"));
    assertThat(console.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains("Worst stage hand-offs by stall").contains("evaluate → buy").contains("stages.csv");
    assertThat(SparkTest.spark().read().parquet(dir.resolve("out/journeys").toString())
        .where("stage = 'ask'").select("fate").first().getString(0)).isEqualTo("unjudged");
  }

  @Test
  void repeatContactsCsvSaysTheSalesCallBroughtTheCustomerBackAndWhatLayBetween() throws IOException {
    Files.writeString(dir.resolve("log.csv"), WORKED_EXAMPLE);
    Path config = Files.writeString(dir.resolve("journeys.yaml"), """
        sources: [{path: log.csv, customer-column: customer_id}]
        journeys: {by: customer, cut-off: 2026-04-30T00:00:00Z, goals: [web:order_completed], repeat-windows: [24h, 7d]}
        ranking: {min-passages: 1}
        out: out
        """);

    var result = RunJob.run(SparkTest.spark(), ConfigFile.read(config, null), Progress.silent());

    assertThat(Files.readAllLines(dir.resolve("out/repeat_contacts.csv"))).containsExactly(
        "trigger,repeat,window,contacts,repeats,rate,lower,upper,median_seconds_to_repeat,trigger_owner,repeat_owner,"
            + "steps_between,rank",
        "phone:sales_call,,24h,1,0,0,0,0.7934506882081973,,,,,1",
        "phone:support_call,,24h,1,0,0,0,0.7934506882081973,,,,,2",
        "phone:sales_call,,7d,1,1,1,0.2065493117918027,1,189600,,,web:order_completed,1",
        "phone:sales_call,phone:support_call,7d,1,1,1,0.2065493117918027,1,189600,,,web:order_completed,1",
        "phone:support_call,,7d,1,0,0,0,0.7934506882081973,,,,,2");
    assertThat(SparkTest.spark().read().parquet(dir.resolve("out/repeat_contacts").toString())
        .where("repeat is null and window = '7d' and trigger = 'phone:support_call'").count()).isEqualTo(1);
    java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
    dev.journeys.jobs.cli.ConsoleSummary.print(new java.io.PrintStream(console, true,
        java.nio.charset.StandardCharsets.UTF_8), result, "7d", 5, dir.resolve("out"));
    assertThat(console.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains("Contacts that bring customers back within 7d")
        .containsPattern("1  phone:sales_call +100\\.0%.* phone:support_call \\(1, median 2d 4h, between: "
            + "web:order_completed\\)")
        .contains("repeat_contacts.csv");
  }

  private static String row(List<String> lines, String prefix) {
    return lines.stream().filter(l -> l.startsWith(prefix + ",")).findFirst().orElseThrow(
        () -> new AssertionError("no row " + prefix + " in " + lines));
  }
}
