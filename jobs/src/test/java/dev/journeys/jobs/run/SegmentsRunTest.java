package dev.journeys.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeys.jobs.config.ConfigFile;
import dev.journeys.jobs.config.RunConfig;
import dev.journeys.jobs.io.Progress;
import dev.journeys.jobs.support.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attributes carried and segments: a log whose region is on each customer's first event only, in which the customers
 * of DE drop off twice as often between rates and application as those of FR.
 */
class SegmentsRunTest {

  @TempDir static Path dir;
  static Path log;

  /** 3,000 customers: region on the first event; DE drops after web:rates at 40%, FR and IT at 20%. */
  @BeforeAll
  static void writeLog() throws IOException {
    Random random = new Random(7);
    StringBuilder csv = new StringBuilder("customer_id,timestamp,activity,region,device\n");
    String[] regions = {"DE", "FR", "FR", "IT"};
    long start = java.time.Instant.parse("2026-03-01T00:00:00Z").getEpochSecond();
    for (int c = 0; c < 3000; c++) {
      String region = regions[random.nextInt(regions.length)];
      long t = start + random.nextInt(40 * 86_400);
      boolean drops = random.nextDouble() < (region.equals("DE") ? 0.4 : 0.2);
      String[] steps = drops ? new String[] {"web:home", "web:rates"}
          : new String[] {"web:home", "web:rates", "web:apply", "web:order"};
      for (int i = 0; i < steps.length; i++) {
        csv.append("c").append(c).append(',').append(java.time.Instant.ofEpochSecond(t)).append(',').append(steps[i])
            .append(',').append(i == 0 ? region : "").append(',').append(i == 1 ? "mobile" : "").append('\n');
        t += 60 + random.nextInt(600);
      }
    }
    log = Files.writeString(dir.resolve("log.csv"), csv);
  }

  static RunConfig config(String out, String extra) throws IOException {
    Path yaml = Files.writeString(dir.resolve(out + ".yaml"), """
        sources: [{path: %s, customer-column: customer_id, attributes: [device]}]
        journeys: {by: customer, goals: [web:order], cut-off: 2026-06-01T00:00:00Z}
        %s
        out: %s
        """.formatted(log, extra, out));
    return ConfigFile.read(yaml, null);
  }

  @Test
  void journeysCarryTheirFirstValuesAndTheirCustomersSegment() throws IOException {
    RunJob.runLocal(config("local", "segments: {by: region}"), Progress.silent());
    List<Row> journeys = SparkTest.spark().read().parquet(dir.resolve("local/journeys").toString())
        .orderBy("customer_id").collectAsList();
    Row first = journeys.get(0);
    assertThat(first.getString(0)).isEqualTo("c0");
    Map<String, String> attributes = first.getJavaMap(first.fieldIndex("attributes"));
    assertThat(attributes).containsOnlyKeys("device", "region").containsEntry("device", "mobile");
    assertThat(first.getString(first.fieldIndex("segment"))).isEqualTo(attributes.get("region"));
    Row event = SparkTest.spark().read().parquet(dir.resolve("local/events").toString())
        .filter("customer_id = 'c0' and touchpoint = 'web:rates'").first();
    assertThat(event.<String, String>getJavaMap(event.fieldIndex("attributes"))).containsOnly(Map.entry("device", "mobile"));
  }

  @Test
  void theSegmentWithThePlantedDropOffIsTheOnlySignificantChangeAndBothEnginesAgree() throws IOException {
    RunResult local = RunJob.runLocal(config("local-compare", "segments: {by: region, compare: [DE, FR]}"),
        Progress.silent());
    RunResult spark = RunJob.run(SparkTest.spark(), config("spark-compare", "segments: {by: region, compare: [DE, FR]}"),
        Progress.silent());

    List<String> changes = Files.readAllLines(dir.resolve("local-compare/segment_changes.csv"));
    assertThat(changes.get(0)).isEqualTo("from,to,rate,a,rate_a,denominator_a,b,rate_b,denominator_b,difference,"
        + "difference_lower,difference_upper,p,q");
    assertThat(changes.get(1)).startsWith("web:home,web:rates,drop_off,DE,");
    assertThat(local.segments().significant()).hasSize(1);
    SegmentTables.Change top = local.segments().significant().get(0);
    assertThat(top.difference().difference()).isBetween(0.15, 0.25);
    assertThat(top.difference().lower()).isLessThan(0.2);
    assertThat(top.difference().upper()).isGreaterThan(0.2);
    assertThat(top.q()).isLessThan(1e-6);
    for (String file : List.of("segment_changes.csv", "segments/DE/transitions.csv", "segments/FR/variants.csv",
        "segments/IT/handoffs.csv", "segments/IT/fates.csv", "segments/DE/repeat_contacts.csv",
        "segments/FR/conversion_times.csv")) {
      assertThat(dir.resolve("spark-compare/" + file)).as(file)
          .hasSameTextualContentAs(dir.resolve("local-compare/" + file));
    }
    assertThat(spark.segments().sizes().keySet()).startsWith("FR").containsExactlyInAnyOrder("FR", "DE", "IT");
    assertThat(SparkTest.spark().read().parquet(dir.resolve("spark-compare/segments/transitions").toString())
        .select("segment").distinct().count()).isEqualTo(3);
  }

  @Test
  void aSegmentsTablesAreThoseOfARunOnItsCustomersAlone() throws IOException {
    RunJob.runLocal(config("whole", "segments: {by: region}"), Progress.silent());
    List<String> lines = Files.readAllLines(log);
    List<String> de = new ArrayList<>(List.of(lines.get(0)));
    java.util.Set<String> customers = new java.util.HashSet<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      if (f[3].equals("DE")) {
        customers.add(f[0]);
      }
    }
    lines.subList(1, lines.size()).stream().filter(l -> customers.contains(l.split(",")[0])).forEach(de::add);
    Path deLog = Files.write(dir.resolve("de.csv"), de);
    Path yaml = Files.writeString(dir.resolve("de.yaml"), """
        sources: [{path: %s, customer-column: customer_id}]
        journeys: {by: customer, goals: [web:order], cut-off: 2026-06-01T00:00:00Z}
        out: de
        """.formatted(deLog));
    RunJob.runLocal(ConfigFile.read(yaml, null), Progress.silent());
    for (String file : List.of("transitions.csv", "variants.csv", "handoffs.csv", "repeat_contacts.csv",
        "conversion_times.csv")) {
      assertThat(dir.resolve("whole/segments/DE/" + file)).as(file).hasSameTextualContentAs(dir.resolve("de/" + file));
    }
  }

  @Test
  void aSegmentToCompareThatNoCustomerIsInIsAnErrorListingTheSegments() throws IOException {
    RunConfig config = config("unknown", "segments: {by: region, compare: [DE, ES]}");
    assertThatThrownBy(() -> RunJob.runLocal(config, Progress.silent()))
        .hasMessageContaining("Cannot compare segment 'ES' of region: no customer is in it")
        .hasMessageContaining("FR (")
        .hasMessageContaining("DE (");
  }

  @Test
  void folderNamesKeepValuesReadableAndEncodeTheRest() {
    assertThat(dev.journeys.jobs.io.SegmentRows.folder("DE")).isEqualTo("DE");
    assertThat(dev.journeys.jobs.io.SegmentRows.folder("München (Stadt)")).isEqualTo("München (Stadt)");
    assertThat(dev.journeys.jobs.io.SegmentRows.folder("a/b:c")).isEqualTo("a%2Fb%3Ac");
    assertThat(dev.journeys.jobs.io.SegmentRows.folder("..")).isEqualTo("%2E.");
    assertThat(dev.journeys.jobs.io.SegmentRows.folder("transitions")).isEqualTo("%74ransitions");
    assertThat(dev.journeys.jobs.io.SegmentRows.folder("")).isEqualTo("%20");
  }
}
