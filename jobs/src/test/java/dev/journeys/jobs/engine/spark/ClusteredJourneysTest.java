package dev.journeys.jobs.engine.spark;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.jobs.engine.JourneysResult;
import dev.journeys.jobs.generate.SampleJourneys;
import dev.journeys.jobs.ingest.EventProfile;
import dev.journeys.jobs.io.OutputSchema;
import dev.journeys.jobs.support.SparkTest;
import dev.journeys.model.event.Micros;
import dev.journeys.model.journey.JourneyRules;
import dev.journeys.model.transition.Transition;
import dev.journeys.model.transition.TransitionCounts;
import dev.journeys.model.transition.TransitionTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events clustered by customer are streamed file by file without a shuffle, and give exactly what the
 * shuffle gives; events that are not clustered are caught, whichever way they are not, and say where.
 */
class ClusteredJourneysTest {

  static final JourneyRules RULES = JourneyRules.defaults().withGoals(Set.of(SampleJourneys.GOAL));
  static final Instant CUTOFF = Instant.parse("2026-06-01T00:00:00Z");

  @TempDir static Path dir;
  static List<Row> rows;

  @BeforeAll
  static void generate() {
    rows = new ArrayList<>();
    SampleJourneys model = new SampleJourneys(11);
    for (long i = 0; i < 2_000; i++) {
      long[] seq = {0};
      model.customer(i, (customer, ts, touchpoint, channel, owner, assisted) -> rows.add(RowFactory.create(
          "s:" + rows.size(), customer, null, ts, touchpoint, channel, owner, "sample", 0, seq[0]++, assisted)));
    }
  }

  @Test
  void eventsSortedByCustomerInDisjointFilesAreStreamedAndCountedAsTheShuffleCountsThem() {
    Dataset<Row> events = write("clustered", all().repartitionByRange(3, col(OutputSchema.CUSTOMER_ID))
        .sortWithinPartitions(OutputSchema.CUSTOMER_ID, OutputSchema.TS, OutputSchema.SEQ));
    assertThat(events.inputFiles()).hasSize(3);

    Streamed streamed = stream(events, "journeys-streamed");
    JourneysResult shuffled = JourneyJob.run(spark(), events, SparkProfile.of(events, CUTOFF), RULES, CUTOFF,
        dir.resolve("journeys-shuffled").toString(), false);

    assertThat(streamed.notClustered()).isEmpty();
    assertThat(streamed.counts().events()).isEqualTo(shuffled.counts().events()).isPositive();
    assertThat(table(streamed.counts())).isEqualTo(table(shuffled.counts())).isNotEmpty();
    assertThat(streamed.counts().journeys()).isEqualTo(shuffled.counts().journeys());
    assertThat(spark().read().parquet(dir.resolve("journeys-streamed").toString()).count())
        .isEqualTo(shuffled.counts().journeys());
    // One task per file: the journeys are written in as many parts as there were files, no shuffle between.
    assertThat(parts(dir.resolve("journeys-streamed"))).isEqualTo(3);
  }

  @Test
  void runOnClusteredParquetGivesTheSameResultAsWithoutTheStreamingPath() {
    Dataset<Row> events = write("clustered-run", all().repartitionByRange(2, col(OutputSchema.CUSTOMER_ID))
        .sortWithinPartitions(OutputSchema.CUSTOMER_ID, OutputSchema.TS, OutputSchema.SEQ));
    EventProfile profile = SparkProfile.of(events, CUTOFF);
    JourneysResult streamed = JourneyJob.run(spark(), events, profile, RULES, CUTOFF,
        dir.resolve("run-streamed").toString(), true);
    JourneysResult shuffled = JourneyJob.run(spark(), events, profile, RULES, CUTOFF,
        dir.resolve("run-shuffled").toString(), false);
    assertThat(table(streamed.counts())).isEqualTo(table(shuffled.counts()));
    assertThat(parts(dir.resolve("run-streamed"))).isEqualTo(2);
    assertThat(streamed.streamed()).isTrue();
    assertThat(shuffled.grouping()).startsWith(JourneysResult.SHUFFLED).contains("XES or CSV");
  }

  @Test
  void aCustomerOutOfOrderInsideAFileIsCaughtAndNamed() {
    Dataset<Row> events = write("unsorted", all().repartition(2));
    Streamed streamed = stream(events, "journeys-unsorted");
    assertThat(streamed.notClustered()).get().asString().contains("follows customer").contains(".parquet");
  }

  @Test
  void aCustomerInTwoFilesIsCaughtAndBothFilesNamed() {
    // Each file is sorted, but both hold every other customer: the files' ranges overlap.
    Dataset<Row> events = write("overlapping", all().repartition(2, col(OutputSchema.CUSTOMER_ID))
        .sortWithinPartitions(OutputSchema.CUSTOMER_ID, OutputSchema.TS, OutputSchema.SEQ));
    Streamed streamed = stream(events, "journeys-overlapping");
    assertThat(streamed.notClustered()).get().asString().contains("are in both")
        .containsPattern("part-00000.*parquet and .*part-00001|part-00001.*parquet and .*part-00000");
  }

  @Test
  void eventsOfOneCustomerOutOfTimeOrderAreCaughtAndTheShuffleStillCountsThemRight() {
    // Sorted by customer, but inside the customer newest first.
    Dataset<Row> events = write("time-disorder", all().repartitionByRange(2, col(OutputSchema.CUSTOMER_ID))
        .sortWithinPartitions(col(OutputSchema.CUSTOMER_ID), col(OutputSchema.TS).desc()));
    Streamed streamed = stream(events, "journeys-time-disorder");
    assertThat(streamed.notClustered()).get().asString().contains("not in time order");

    Dataset<Row> sorted = write("time-order", all().repartitionByRange(2, col(OutputSchema.CUSTOMER_ID))
        .sortWithinPartitions(OutputSchema.CUSTOMER_ID, OutputSchema.TS, OutputSchema.SEQ));
    JourneysResult fallback = JourneyJob.run(spark(), events, SparkProfile.of(events, CUTOFF), RULES, CUTOFF,
        dir.resolve("fallback").toString(), true);
    assertThat(table(fallback.counts())).isEqualTo(table(stream(sorted, "journeys-time-order").counts()));
    assertThat(fallback.grouping()).startsWith(JourneysResult.SHUFFLED + "the events are not clustered by customer")
        .contains("not in time order");
  }

  @Test
  void equalTimestampsMustKeepSourceOrderAndSequence() {
    List<Row> tie = List.of(
        event("a", "2026-01-01T00:00:00Z", "web:home", 1),
        event("a", "2026-01-01T00:00:00Z", "web:faq", 0));
    Dataset<Row> events = write("tie", spark().createDataFrame(tie, OutputSchema.EVENT).coalesce(1));
    assertThat(stream(events, "journeys-tie").notClustered()).get().asString().contains("not in time order");
  }

  @Test
  void fewerLargeFilesThanCoresAreShuffledRatherThanStreamedOneTaskPerFile() {
    Dataset<Row> events = write("one-file", all().coalesce(1)
        .sortWithinPartitions(OutputSchema.CUSTOMER_ID, OutputSchema.TS, OutputSchema.SEQ));
    org.apache.spark.Partition[] parts = ClusteredJourneys.wholeFiles(spark(), events).partitions();
    assertThat(parts).hasSize(1);
    // Small, it is streamed all the same: a shuffle would cost more than the idle core.
    assertThat(ClusteredJourneys.tooFewFiles(parts, 2, ClusteredJourneys.SMALL_FILE_BYTES)).isEmpty();
    assertThat(ClusteredJourneys.tooFewFiles(parts, 1, 0)).isEmpty();
    assertThat(ClusteredJourneys.tooFewFiles(parts, 2, 0)).get().asString()
        .startsWith("1 input file(s) for 2 cores").contains("would leave cores idle");
  }

  @Test
  void clusteredParquetIsReadCheckedAndStreamedInOnePassWithTheOutputsOfTheUsualWay() throws IOException {
    List<Row> withBad = new ArrayList<>(rows);
    withBad.add(RowFactory.create("bad:1", "  ", null, Instant.parse("2026-02-01T00:00:00Z"), "web:home", "web", null,
        "sample", 0, 1L, false));
    withBad.add(RowFactory.create("bad:2", "zz-no-touchpoint", null, Instant.parse("2026-02-01T00:00:00Z"), null, "web",
        null, "sample", 0, 2L, false));
    Dataset<Row> all = spark().createDataFrame(withBad, OutputSchema.EVENT);
    write("one-pass", all.repartitionByRange(3, col(OutputSchema.CUSTOMER_ID))
        .sortWithinPartitions(OutputSchema.CUSTOMER_ID, OutputSchema.TS, OutputSchema.SEQ));
    write("hashed", all.repartition(3, col(OutputSchema.SEQ)));

    dev.journeys.jobs.run.RunResult fused = run("one-pass", "out-one-pass");
    dev.journeys.jobs.run.RunResult usual = run("hashed", "out-hashed");

    assertThat(fused.journeys().grouping()).isEqualTo(JourneysResult.STREAMED);
    assertThat(usual.journeys().grouping()).startsWith(JourneysResult.SHUFFLED + "the events are not clustered by customer");
    assertThat(fused.ingest().quarantined()).isEqualTo(usual.ingest().quarantined()).isEqualTo(2);
    assertThat(fused.ingest().eventsRead()).isEqualTo(usual.ingest().eventsRead()).isEqualTo(rows.size());
    assertThat(fused.journeys().cutoff()).isEqualTo(usual.journeys().cutoff());
    assertThat(fused.journeys().firstEvent()).isEqualTo(usual.journeys().firstEvent());
    assertThat(fused.journeys().eventsAfterCutoff()).isEqualTo(usual.journeys().eventsAfterCutoff());
    for (String file : List.of("transitions.csv", "variants.csv", "handoffs.csv", "graph.json")) {
      assertThat(dir.resolve("out-one-pass").resolve(file)).as(file)
          .hasSameBinaryContentAs(dir.resolve("out-hashed").resolve(file));
    }
    // The same rows, by the same file's line, but for the input's name.
    assertThat(Files.readAllLines(dir.resolve("out-one-pass/quarantine.csv"))).hasSize(3)
        .isEqualTo(Files.readAllLines(dir.resolve("out-hashed/quarantine.csv")).stream()
            .map(line -> line.replace("/hashed,", "/one-pass,")).toList());
    assertThat(spark().read().parquet(dir.resolve("out-one-pass/journeys").toString()).count())
        .isEqualTo(fused.journeys().counts().journeys());
  }

  @Test
  void anUnreadableRowHoldingTheLatestTimeSendsTheRunTheUsualWayAndTheCutOffIsTheLatestEvent() {
    List<Row> withLateBad = new ArrayList<>(rows);
    withLateBad.add(RowFactory.create("bad:1", "zz-late", null, Instant.parse("2030-01-01T00:00:00Z"), "  ", "web",
        null, "sample", 0, 1L, false));
    write("late-bad", spark().createDataFrame(withLateBad, OutputSchema.EVENT)
        .repartitionByRange(2, col(OutputSchema.CUSTOMER_ID))
        .sortWithinPartitions(OutputSchema.CUSTOMER_ID, OutputSchema.TS, OutputSchema.SEQ));

    dev.journeys.jobs.run.RunResult result = run("late-bad", "out-late-bad");

    Instant latest = rows.stream().map(r -> (Instant) r.get(3)).max(Instant::compareTo).orElseThrow();
    assertThat(result.journeys().cutoff()).isEqualTo(latest);
    assertThat(result.journeys().grouping()).isEqualTo(JourneysResult.STREAMED);
    assertThat(result.ingest().quarantined()).isEqualTo(1);
  }

  @Test
  void aCutOffBeforeEveryEventOfClusteredParquetIsAnInputError() {
    write("early", all().repartitionByRange(2, col(OutputSchema.CUSTOMER_ID))
        .sortWithinPartitions(OutputSchema.CUSTOMER_ID, OutputSchema.TS, OutputSchema.SEQ));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> run("early", "out-early", "--cut-off",
            "2000-01-01T00:00:00Z"))
        .isInstanceOf(dev.journeys.jobs.ingest.InputException.class)
        .hasMessageContaining("No event lies at or before the cut-off 2000-01-01T00:00:00Z");
  }

  @Test
  void theLatestTimeIsReadFromParquetFootersWhenTheyHoldUtcTimestampStatistics() {
    Instant latest = rows.stream().map(r -> (Instant) r.get(3)).max(Instant::compareTo).orElseThrow();
    Dataset<Row> all = all().repartition(2);
    String key = "spark.sql.parquet.outputTimestampType";
    String before = spark().conf().get(key);
    try {
      for (String type : List.of("TIMESTAMP_MICROS", "TIMESTAMP_MILLIS", "INT96")) {
        spark().conf().set(key, type);
        write("footer-" + type, all);
      }
    } finally {
      spark().conf().set(key, before);
    }

    assertThat(FooterTimes.latest(spark().sparkContext().hadoopConfiguration(), inputs("footer-TIMESTAMP_MICROS")))
        .contains(latest);
    assertThat(FooterTimes.latest(spark().sparkContext().hadoopConfiguration(), inputs("footer-TIMESTAMP_MILLIS")))
        .contains(latest);
    // INT96 statistics are not ordered as times: the data is asked instead.
    assertThat(FooterTimes.latest(spark().sparkContext().hadoopConfiguration(), inputs("footer-INT96"))).isEmpty();
    assertThat(run("footer-INT96", "out-footer-INT96").journeys().cutoff()).isEqualTo(latest);
  }

  private static List<dev.journeys.jobs.ingest.InputFile> inputs(String name) {
    dev.journeys.jobs.cli.RunOptions options = new dev.journeys.jobs.cli.RunOptions();
    new picocli.CommandLine(options).parseArgs();
    return dev.journeys.jobs.ingest.InputFiles.resolve(options.toConfig(List.of(dir.resolve(name).toString()),
        dir.resolve("unused").toString()).sources(), spark().sparkContext().hadoopConfiguration());
  }

  private static dev.journeys.jobs.run.RunResult run(String input, String out, String... more) {
    List<String> args = new ArrayList<>(List.of("--journey-by", "customer", "--customer-column", "customer_id",
        "--goal", SampleJourneys.GOAL, "--min-passages", "1"));
    args.addAll(List.of(more));
    dev.journeys.jobs.cli.RunOptions options = new dev.journeys.jobs.cli.RunOptions();
    new picocli.CommandLine(options).parseArgs(args.toArray(String[]::new));
    return dev.journeys.jobs.run.RunJob.run(spark(), options.toConfig(List.of(dir.resolve(input).toString()),
        dir.resolve(out).toString()), dev.journeys.jobs.io.Progress.silent());
  }

  private static Row event(String customer, String ts, String touchpoint, long seq) {
    return RowFactory.create("e" + seq, customer, null, Instant.parse(ts), touchpoint, "web", null, "s", 0, seq, false);
  }

  record Streamed(Optional<String> notClustered, TransitionCounts counts) {}

  private static Streamed stream(Dataset<Row> events, String out) {
    TransitionCountsAccumulator counts = new TransitionCountsAccumulator(RULES.repeatWindows().size());
    spark().sparkContext().register(counts);
    String[][] dictionary = SparkProfile.of(events, CUTOFF).combinations().toArray(String[][]::new);
    KernelPartition kernel = new KernelPartition(RULES, Micros.of(CUTOFF), counts, dictionary);
    Optional<String> why = ClusteredJourneys.tryRun(spark(), events.filter(col(OutputSchema.TS).leq(CUTOFF)), kernel,
        dir.resolve(out).toString());
    return new Streamed(why, counts.value());
  }

  private static List<String> table(TransitionCounts counts) {
    return TransitionTable.from(counts, RULES).transitions().stream().map(ClusteredJourneysTest::describe).toList();
  }

  private static String describe(Transition t) {
    return String.join(" ", t.from(), t.to(), "" + t.passages(), "" + t.journeys(), "" + t.customers(),
        "" + t.dropOff(), "" + t.eventualDropOff(), "" + t.repeatContact(), "" + t.medianGapSeconds(),
        "" + t.p90GapSeconds(), "" + t.handoffShare(), "" + t.channelSwitchShare());
  }

  private static Dataset<Row> all() {
    return spark().createDataFrame(rows, OutputSchema.EVENT);
  }

  private static Dataset<Row> write(String name, Dataset<Row> events) {
    String path = dir.resolve(name).toString();
    events.write().parquet(path);
    return spark().read().parquet(path);
  }

  private static long parts(Path journeys) {
    try (Stream<Path> files = Files.list(journeys)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".parquet")).count();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static SparkSession spark() {
    return SparkTest.spark();
  }
}
