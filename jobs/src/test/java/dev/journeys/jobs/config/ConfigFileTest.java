package dev.journeys.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeys.jobs.ingest.Source;
import dev.journeys.model.transition.RankBy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

  @TempDir Path dir;

  Path write(String yaml) throws IOException {
    return Files.writeString(dir.resolve("journeys.yaml"), yaml);
  }

  @Test
  void readsSourcesRulesAndRankingWithPathsRelativeToTheFile() throws IOException {
    RunConfig config = ConfigFile.read(write("""
        sources:
          - path: logs/web.csv.gz
            customer-column: visitor
            timestamp-format: dd/MM/yyyy HH:mm
            time-zone: Europe/Amsterdam
            delimiter: ";"
          - paths: [calls/a.xes, calls/b.xes]
            customer-column: case:customer
            lifecycle: complete
        journeys:
          by: customer
          goals: [web:order_completed]
          inactivity: 14d
          repeat-windows: [24h, 3d]
          assisted-channels: [phone, whatsapp]
          cut-off: 2026-04-30T00:00:00Z
        ranking: {by: impact, min-passages: 50, top: 5}
        max-bad-rows-share: 0.05
        out: results
        """), null);

    assertThat(config.inputs()).containsExactly(dir.resolve("logs/web.csv.gz").toString(),
        dir.resolve("calls/a.xes").toString(), dir.resolve("calls/b.xes").toString());
    assertThat(config.sources().get(0).read().delimiter()).isEqualTo(';');
    assertThat(config.sources().get(0).read().zone()).isEqualTo(ZoneId.of("Europe/Amsterdam"));
    assertThat(config.sources().get(0).read().customerColumn()).isEqualTo("visitor");
    assertThat(config.sources().get(2).read().lifecycle()).isEqualTo("complete");
    assertThat(config.sources().get(2).read().assistedChannels()).containsExactlyInAnyOrder("phone", "whatsapp");
    assertThat(config.rules().perCase()).isFalse();
    assertThat(config.rules().goals()).containsExactly("web:order_completed");
    assertThat(config.rules().inactivity()).isEqualTo(Duration.ofDays(14));
    assertThat(config.rules().repeatWindows()).extracting(w -> w.label()).containsExactly("24h", "3d");
    assertThat(config.cutoff()).isEqualTo(Instant.parse("2026-04-30T00:00:00Z"));
    assertThat(config.rankBy()).isEqualTo(RankBy.IMPACT);
    assertThat(config.minPassages()).isEqualTo(50);
    assertThat(config.top()).isEqualTo(5);
    assertThat(config.maxBadRowsShare()).isEqualTo(0.05);
    assertThat(config.outDir()).isEqualTo(dir.resolve("results").toString());
    assertThat(ConfigFile.read(dir.resolve("journeys.yaml"), "elsewhere").outDir()).isEqualTo("elsewhere");
  }

  @Test
  void listsEveryProblemNamingTheFileTheKeyAndWhatWasExpected() throws IOException {
    Path file = write("""
        sources:
          - path: a.csv
            colum: x
            delimiter: ";;"
          - customer-column: c
        journeys:
          by: visitor
          inactivity: a month
          cut-off: yesterday
        ranking: {by: worst}
        max-bad-rows-share: 2
        extra: 1
        """);
    assertThatThrownBy(() -> ConfigFile.read(file, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Config " + file + " has 10 problems:")
        .hasMessageContaining("unknown key 'extra' (expected one of: accept-truncated, allow-absent-goals, identity, journeys, max-bad-rows-share, nightly, out, paths, ranking, scrub, segments, sources, stages)")
        .hasMessageContaining("unknown key 'sources[0].colum' (expected one of: activity-column,")
        .hasMessageContaining("key 'sources[0].delimiter': expected one character, got ';;'")
        .hasMessageContaining("key 'sources[1]': a source needs a path")
        .hasMessageContaining("key 'journeys.by': expected case or customer, got 'visitor'")
        .hasMessageContaining("key 'journeys.inactivity': Cannot read duration 'a month'")
        .hasMessageContaining("key 'journeys.cut-off': expected an instant such as 2026-04-30T00:00:00Z, got 'yesterday'")
        .hasMessageContaining("key 'ranking.by': Unknown rank key 'worst'")
        .hasMessageContaining("key 'max-bad-rows-share': expected a share between 0 and 1, got 2.0")
        .hasMessageContaining("key 'out': missing (or give --out on the command line)");
  }

  @Test
  void journeysByCustomerNeedEverySourcesCustomerColumn() throws IOException {
    Path file = write("""
        sources: [{path: a.csv}]
        journeys: {by: customer}
        out: o
        """);
    assertThatThrownBy(() -> ConfigFile.read(file, null))
        .hasMessageContaining("key 'sources[0].customer-column': missing: journeys by customer need each source's customer column");
  }

  @Test
  void stitchingKeysOutOfRangeAreProblemsNamingTheirKeys() throws IOException {
    Path file = write("""
        sources:
          - {path: ctr.json, format: amazon-connect, contact-chain: caller}
          - {path: cases.csv, format: csv-records, touchpoint: "crm:case", timestamp: at, identity: {c: "{id}"},
             in-order: [opened]}
        identity: {default-region: UK}
        journeys: {by: customer, contact-chains: both}
        out: o
        """);
    assertThatThrownBy(() -> ConfigFile.read(file, null))
        .hasMessageContaining("key 'sources[0].contact-chain': expected one of the source's identity kinds "
            + "[phone, contact] or none, got 'caller'")
        .hasMessageContaining("key 'sources[1]': source csv-records: in-order takes two time fields, got [opened]")
        .hasMessageContaining("key 'identity.default-region': expected a two-letter region such as GB, NL or US, "
            + "got 'UK'")
        .hasMessageContaining("key 'journeys.contact-chains': expected one or each, got 'both'");
  }

  @Test
  void stitchingKeysAreReadWithTheirDefaults() throws IOException {
    Path file = write("""
        sources:
          - {path: ctr.json, format: amazon-connect}
          - {path: web.jsonl, format: segment, contact-chain: none, required: []}
        identity: {default-region: gb}
        journeys: {by: customer, contact-chains: one}
        out: o
        """);
    RunConfig config = ConfigFile.read(file, null);
    assertThat(config.phones().region()).isEqualTo("GB");
    assertThat(config.contactChainsAsOne()).isTrue();
    assertThat(config.sources().get(0).mapping().chainKind()).isEqualTo("contact");
    assertThat(config.sources().get(0).mapping().inOrder()).containsExactly("InitiationTimestamp",
        "DisconnectTimestamp");
    assertThat(config.sources().get(1).mapping().chainKind()).isNull();
    assertThat(config.sources().get(1).mapping().required()).isEmpty();
    RunConfig defaults = ConfigFile.read(write("sources: [{path: w.jsonl, format: segment}]\nout: o\n"), null);
    assertThat(defaults.phones()).isEqualTo(dev.journeys.jobs.ingest.raw.PhoneNumbers.INTERNATIONAL_ONLY);
    assertThat(defaults.contactChainsAsOne()).isFalse();
    assertThat(defaults.sources().get(0).mapping().required()).containsExactly("type");
  }

  @Test
  void theSampleConfigInTheRepositoryIsValid() {
    Path sample = Path.of("../journeys.example.yaml");
    RunConfig config = ConfigFile.read(sample, null);
    assertThat(config.sources()).hasSize(5);
    assertThat(config.sources()).allMatch(Source::isRaw);
    assertThat(config.rules().goals()).containsExactlyInAnyOrder("web:order_completed", "web:first_use",
        "web:pay_invoice");
    assertThat(config.rules().stages().list()).extracting(dev.journeys.model.journey.Stages.Stage::name)
        .containsExactly("evaluate", "buy", "access", "use", "ask");
    assertThat(config.maxIdentityKeys()).isEqualTo(50);
    assertThat(config.sources().get(0).mapping().attributes()).containsOnlyKeys("region");
    assertThat(config.rules().segmentBy()).isEqualTo("region");
    assertThat(config.rules().keepsAttributes()).isTrue();
    assertThat(config.compare()).containsExactly("DE", "FR");
  }

  @Test
  void readsStagesInOrderWithTheirPatternsAndGoalsWhichBecomeTheRunsGoals() throws IOException {
    RunConfig config = ConfigFile.read(write("""
        sources: [{path: log.csv, customer-column: customer_id}]
        journeys: {by: customer}
        out: out
        stages:
          - {name: evaluate, touchpoints: ["web:view_*", "web:apply_*"], goals: [web:order_completed]}
          - {name: buy, touchpoints: ["phone:sales_*", "web:order_*"]}
          - {name: access, touchpoints: ["email:welcome*"], goals: [web:account_activated]}
        """), null);
    assertThat(config.rules().stages().list()).extracting(s -> s.name()).containsExactly("evaluate", "buy", "access");
    assertThat(config.rules().stages().name(config.rules().stages().of("web:order_completed"))).isEqualTo("buy");
    assertThat(config.rules().goals()).containsExactlyInAnyOrder("web:order_completed", "web:account_activated");
  }

  @Test
  void refusesStagesWithGoalsOfTheJourneysTooOrWithoutNameOrTouchpointsSayingWhere() throws IOException {
    Path both = write("""
        sources: [{path: log.csv}]
        out: out
        journeys: {goals: [web:order_completed]}
        stages: [{name: evaluate, touchpoints: ["web:*"], goals: [web:order_completed]}]
        """);
    assertThatThrownBy(() -> ConfigFile.read(both, null)).hasMessageContaining("stages")
        .hasMessageContaining("remove journeys.goals");
    Path incomplete = write("""
        sources: [{path: log.csv}]
        stages:
          - {touchpoints: ["web:*"]}
          - {name: ask, goal: [x]}
          - {name: other, touchpoints: ["*"]}
        """);
    assertThatThrownBy(() -> ConfigFile.read(incomplete, null)).hasMessageContaining("stages[0]")
        .hasMessageContaining("name").hasMessageContaining("'stages[1].goal'")
        .hasMessageContaining("key 'stages[1].touchpoints': missing");
    Path reserved = write("""
        sources: [{path: log.csv}]
        stages: [{name: other, touchpoints: ["*"]}]
        """);
    assertThatThrownBy(() -> ConfigFile.read(reserved, null)).hasMessageContaining("reserved");
  }
}
