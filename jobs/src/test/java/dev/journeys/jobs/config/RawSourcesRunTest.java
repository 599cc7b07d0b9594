package dev.journeys.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.jobs.ingest.Pseudonymiser;
import dev.journeys.jobs.io.Progress;
import dev.journeys.jobs.run.RunJob;
import dev.journeys.jobs.run.RunResult;
import dev.journeys.jobs.support.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raw exports in their vendors' field names become one stitched, pseudonymised customer: an anonymous web
 * session that logs in, a CRM contact with that e-mail and a phone number, and a call from that number.
 */
class RawSourcesRunTest {

  @TempDir Path dir;
  Path config;

  @BeforeEach
  void writeExports() throws IOException {
    Files.writeString(dir.resolve("segment.jsonl"), """
        {"type":"page","name":"Rates","anonymousId":"anon-1","timestamp":"2026-03-01T09:00:00Z","messageId":"m1"}
        {"type":"track","event":"Application Started","anonymousId":"anon-1","timestamp":"2026-03-01T09:05:00Z","messageId":"m2"}
        {"type":"identify","anonymousId":"anon-1","userId":"u-1","traits":{"email":"Ann@Example.com"},"timestamp":"2026-03-01T09:06:00Z","messageId":"m3"}
        {"type":"track","event":"Order Completed","userId":"u-1","timestamp":"2026-03-02T10:00:00Z","messageId":"m4"}
        {"type":"track","event":"Order Completed","userId":"u-1","timestamp":"2026-03-02T10:00:00Z","messageId":"m4"}
        {"type":"track","event":"Order Completed","userId":"u-1",
        """);
    Files.writeString(dir.resolve("contacts.csv"), """
        Id,FirstName,Email,Phone,CreatedDate
        003A,Ann,ann@example.com,+31 20 123 4567,2026-01-01T00:00:00.000Z
        """);
    Files.writeString(dir.resolve("ctr.json"), """
        [{"ContactId":"c-1","InitialContactId":null,"Channel":"VOICE","InitiationMethod":"INBOUND",
          "InitiationTimestamp":"2026-03-03T14:00:00Z","DisconnectTimestamp":"2026-03-03T14:09:00Z",
          "Queue":{"Name":"Support"},"Agent":{"Username":"jo"},
          "CustomerEndpoint":{"Address":"+31201234567","Type":"TELEPHONE_NUMBER"}}]
        """);
    config = Files.writeString(dir.resolve("journeys.yaml"), """
        sources:
          - {path: segment.jsonl, format: segment}
          - {path: contacts.csv, format: salesforce-contact}
          - {path: ctr.json, format: amazon-connect, owner: support}
        journeys: {by: customer, goals: [web:order_completed]}
        ranking: {min-passages: 1}
        max-bad-rows-share: 0.2
        out: out
        """);
  }

  @Test
  void stitchesOneCustomerAcrossWebCrmAndCallsAndPseudonymisesIt() throws IOException {
    RunResult result = RunJob.run(SparkTest.spark(), ConfigFile.read(config, null), Progress.silent());

    assertThat(result.ingest().eventsRead()).isEqualTo(4);
    assertThat(result.ingest().quarantined()).isEqualTo(1);
    assertThat(result.ingest().stitching().duplicates()).isEqualTo(1);
    assertThat(result.ingest().stitching().customers()).isEqualTo(1);
    assertThat(result.journeys().counts().customers()).isEqualTo(1);
    assertThat(result.transitions().find("web:rates", "web:application_started")).isNotNull();
    assertThat(result.transitions().find("START", "voice:support").repeatContact()).isNotEmpty();

    com.fasterxml.jackson.databind.JsonNode stitching = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(dir.resolve("out/manifest.json").toFile()).get("stitching");
    assertThat(stitching.get("customers").asLong()).isEqualTo(1);
    assertThat(stitching.get("duplicates_dropped").asLong()).isEqualTo(1);
    // Every source is reported, the contact list too (it links, it has no events).
    assertThat(stitching.get("sources")).hasSize(3);
    assertThat(stitching.get("sources").get(0).get("source").asText()).isEqualTo("amazon-connect");
    assertThat(stitching.get("sources").get(0).get("known_share").asDouble()).isEqualTo(1.0);
    assertThat(stitching.get("sources").get(1).get("source").asText()).isEqualTo("salesforce-contact");
    assertThat(stitching.get("sources").get(1).get("known_share").isNull()).isTrue();
    assertThat(stitching.get("sources").get(2).get("duplicates_dropped").asLong()).isEqualTo(1);
    assertThat(stitching.get("customers_by_number_of_keys").get("6-10").asLong()).isEqualTo(1);
    assertThat(stitching.get("customers_known_only_by_a_device_or_session").asLong()).isZero();
    assertThat(dir.resolve("out/stitching.json")).exists();
    assertThat(Files.readString(dir.resolve("out/quarantine.csv"))).contains("segment.jsonl,6,malformed JSON")
        .contains("withheld");
    String pseudonym = Pseudonymiser.fromEnvironment(System.getenv()).pseudonym("anon:anon-1");
    List<Row> customers = SparkTest.spark().read().parquet(dir.resolve("out/journeys").toString())
        .select("customer_id").distinct().collectAsList();
    assertThat(customers).singleElement().satisfies(r -> assertThat(r.getString(0)).isEqualTo(pseudonym));
    try (Stream<Path> files = Files.walk(dir.resolve("out"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String text = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(text).as(f.toString()).doesNotContain("anon-1", "ann@example.com", "31201234567", "\"u-1\"");
      }
    }
  }

  @Test
  void writesKeysInClearOnlyWhenAskedTo() {
    RunConfig clear = ConfigFile.read(config, null).withPseudonymise(false);
    RunJob.run(SparkTest.spark(), clear, Progress.silent());
    assertThat(SparkTest.spark().read().parquet(dir.resolve("out/journeys").toString())
        .select("customer_id").distinct().collectAsList())
        .singleElement().satisfies(r -> assertThat(r.getString(0)).isEqualTo("anon:anon-1"));
  }
}
