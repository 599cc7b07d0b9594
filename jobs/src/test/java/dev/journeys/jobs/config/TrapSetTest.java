package dev.journeys.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.jobs.io.Progress;
import dev.journeys.jobs.run.RunJob;
import dev.journeys.jobs.support.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trap set ({@code test-data/traps}): hand-made raw exports holding the traps real exports hold (a mobile-only CRM
 * contact, two phones of one contact, national and E.164 numbers, alias calls, a transfer leg without a phone, a
 * withheld number, impossible records, duplicates, quoted newlines). Every number of a run is checked against
 * {@code truth.json}, written by hand before the run: customers, journeys, fates, transitions, quarantined and
 * unattributed records, duplicates, unreadable phone numbers; and again with {@code contact-chains: one}.
 */
class TrapSetTest {

  @TempDir static Path dir;
  static JsonNode truth;
  static Path each;
  static Path one;

  @BeforeAll
  static void runTheTrapSetBothWays() throws IOException {
    try (Stream<Path> files = Files.list(SparkTest.data("traps"))) {
      for (Path f : files.toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    truth = new ObjectMapper().readTree(dir.resolve("truth.json").toFile());
    Path config = dir.resolve("journeys.yaml");
    RunJob.run(SparkTest.spark(), ConfigFile.read(config, null), Progress.silent());
    each = dir.resolve("out");
    String yaml = Files.readString(config);
    assertThat(yaml).contains("  repeat-windows: [7d]\n");
    Path chains = Files.writeString(dir.resolve("chains-one.yaml"), yaml
        .replace("  repeat-windows: [7d]\n", "  repeat-windows: [7d]\n  contact-chains: one\n")
        .replace("out: out", "out: out-one"));
    RunJob.run(SparkTest.spark(), ConfigFile.read(chains, null), Progress.silent());
    one = dir.resolve("out-one");
  }

  /** Each customer found, as the events it holds: {@code ts touchpoint} lines in time order. */
  static Map<String, List<String>> customersFound(Path out) {
    Map<String, List<String>> byCustomer = new TreeMap<>();
    for (Row r : SparkTest.spark().read().parquet(out.resolve("events").toString())
        .orderBy("customer_id", "ts", "source_order", "seq").collectAsList()) {
      byCustomer.computeIfAbsent(r.getAs("customer_id"), c -> new ArrayList<>())
          .add(r.<java.time.Instant>getAs("ts") + " " + r.getAs("touchpoint"));
    }
    return byCustomer;
  }

  /** Each true person's events, as {@link #customersFound} writes them. */
  static Map<String, List<String>> truePeople() {
    Map<String, List<String>> people = new TreeMap<>();
    truth.get("customers").fields().forEachRemaining(e -> {
      List<String> events = new ArrayList<>();
      e.getValue().forEach(ev -> events.add(java.time.Instant.parse(ev.get(0).asText()) + " " + ev.get(1).asText()));
      people.put(e.getKey(), events);
    });
    return people;
  }

  @Test
  void everyTrueCustomerIsFoundWithExactlyTheirEvents() {
    Map<String, List<String>> found = customersFound(each);
    assertThat(found.values()).containsExactlyInAnyOrderElementsOf(truePeople().values());
  }

  @Test
  void everyJourneyHasItsTrueTouchpointsAndFate() {
    Map<String, String> personOf = new HashMap<>();
    Map<List<String>, String> people = new HashMap<>();
    truePeople().forEach((person, events) -> people.put(events, person));
    customersFound(each).forEach((customer, events) -> personOf.put(customer, people.get(events)));
    List<String> found = new ArrayList<>();
    for (Row r : SparkTest.spark().read().parquet(each.resolve("journeys").toString()).collectAsList()) {
      found.add(personOf.get(r.<String>getAs("customer_id")) + " " + r.getList(r.fieldIndex("touchpoints")) + " "
          + r.getAs("fate"));
    }
    List<String> expected = new ArrayList<>();
    truth.get("journeys").forEach(j -> {
      List<String> touchpoints = new ArrayList<>();
      j.get("touchpoints").forEach(t -> touchpoints.add(t.asText()));
      expected.add(j.get("customer").asText() + " " + touchpoints + " " + j.get("fate").asText());
    });
    assertThat(found).containsExactlyInAnyOrderElementsOf(expected);
  }

  /** Each transition's counts, in the order of the truth's {@code transitions_columns}. */
  static Map<String, List<Long>> transitions(Path out) {
    List<String> columns = new ArrayList<>();
    truth.get("transitions_columns").forEach(c -> columns.add(c.asText()));
    Map<String, List<Long>> found = new TreeMap<>();
    for (Row r : SparkTest.spark().read().parquet(out.resolve("transitions").toString()).collectAsList()) {
      List<Long> counts = new ArrayList<>();
      for (String c : columns) {
        Object v = r.getAs(c);
        counts.add(v == null ? null : ((Number) v).longValue());
      }
      found.put(r.getAs("from") + " -> " + r.getAs("to"), counts);
    }
    return found;
  }

  static Map<String, List<Long>> trueTransitions(JsonNode overrides) {
    Map<String, List<Long>> expected = new TreeMap<>();
    truth.get("transitions").fields().forEachRemaining(e -> {
      JsonNode counts = overrides != null && overrides.has(e.getKey()) ? overrides.get(e.getKey()) : e.getValue();
      List<Long> values = new ArrayList<>();
      counts.forEach(v -> values.add(v.asLong()));
      expected.put(e.getKey(), values);
    });
    return expected;
  }

  @Test
  void theManifestCountsEveryRecordInTheFiles() throws IOException {
    JsonNode counts = new ObjectMapper().readTree(each.resolve("manifest.json").toFile()).get("counts");
    Map<String, Long> found = new TreeMap<>();
    truth.get("manifest_counts").fieldNames().forEachRemaining(k -> found.put(k, counts.get(k).asLong()));
    assertThat(found).isEqualTo(counts(truth.get("manifest_counts")));
  }

  @Test
  void everyTransitionHasItsTruePassagesDropOffAndRepeatContacts() {
    assertThat(transitions(each)).isEqualTo(trueTransitions(null));
  }

  @Test
  void withOneContactPerChainATransferOrCallbackIsNoRepeatContact() {
    assertThat(customersFound(one).values()).containsExactlyInAnyOrderElementsOf(truePeople().values());
    assertThat(transitions(one)).isEqualTo(trueTransitions(truth.get("with_contact_chains_one")));
  }

  @Test
  void impossibleRecordsAreQuarantinedByFileLineAndReason() {
    List<String> found = new ArrayList<>();
    for (Row r : SparkTest.spark().read().parquet(each.resolve("quarantine").toString()).collectAsList()) {
      found.add(Path.of(java.net.URI.create(r.getAs("file"))).getFileName() + ":" + r.getAs("line") + " "
          + r.getAs("reason"));
    }
    List<String> expected = new ArrayList<>();
    truth.get("quarantined").forEach(q -> expected.add(q.get(0).asText() + ":" + q.get(1).asLong() + " "
        + q.get(2).asText()));
    assertThat(found).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void recordsWithoutACustomerAreListedByFileAndLine() throws IOException {
    List<String> found = new ArrayList<>();
    for (Row r : SparkTest.spark().read().parquet(each.resolve("unattributed").toString()).collectAsList()) {
      found.add(Path.of(java.net.URI.create(r.getAs("file"))).getFileName() + ":" + r.getAs("line"));
    }
    List<String> expected = new ArrayList<>();
    truth.get("unattributed").forEach(u -> expected.add(u.get(0).asText() + ":" + u.get(1).asLong()));
    assertThat(found).containsExactlyInAnyOrderElementsOf(expected);
    List<String> csv = Files.readAllLines(each.resolve("unattributed.csv"));
    assertThat(csv).hasSize(expected.size() + 1);
    assertThat(csv.get(0)).isEqualTo("source,file,line,reason");
  }

  static Map<String, Long> counts(JsonNode object) {
    Map<String, Long> counts = new TreeMap<>();
    object.fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
    return counts;
  }

  @Test
  void duplicatesAndUnreadablePhoneNumbersAreCountedPerSource() throws IOException {
    JsonNode stitching = new ObjectMapper().readTree(each.resolve("stitching.json").toFile());
    Map<String, Long> duplicates = new TreeMap<>();
    Map<String, Long> unreadable = new TreeMap<>();
    stitching.get("sources").forEach(s -> {
      if (s.get("duplicates_dropped").asLong() > 0) {
        duplicates.put(s.get("source").asText(), s.get("duplicates_dropped").asLong());
      }
      if (s.get("unreadable_phone_numbers").asLong() > 0) {
        unreadable.put(s.get("source").asText(), s.get("unreadable_phone_numbers").asLong());
      }
    });
    assertThat(duplicates).isEqualTo(counts(truth.get("duplicates_dropped")));
    assertThat(unreadable).isEqualTo(counts(truth.get("unreadable_phone_numbers")));
    long total = duplicates.values().stream().mapToLong(Long::longValue).sum();
    assertThat(stitching.get("duplicates_dropped").asLong()).isEqualTo(total);
    assertThat(stitching.get("customers").asLong()).isEqualTo(truth.get("customers").size());
    assertThat(stitching.get("records_without_a_customer").asLong()).isEqualTo(truth.get("unattributed").size());
  }
}
