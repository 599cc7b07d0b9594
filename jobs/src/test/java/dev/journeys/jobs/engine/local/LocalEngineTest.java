package dev.journeys.jobs.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.jobs.cli.DemoCommand;
import dev.journeys.jobs.cli.RunOptions;
import dev.journeys.jobs.config.RunConfig;
import dev.journeys.jobs.engine.JourneysResult;
import dev.journeys.jobs.generate.SampleLog;
import dev.journeys.jobs.ingest.InputFile;
import dev.journeys.jobs.ingest.InputFiles;
import dev.journeys.jobs.ingest.ReadOptions;
import dev.journeys.jobs.io.Progress;
import dev.journeys.jobs.run.RunJob;
import dev.journeys.jobs.run.RunResult;
import dev.journeys.jobs.support.SparkTest;
import dev.journeys.model.journey.JourneyRules;
import dev.journeys.model.journey.Stages;
import dev.journeys.model.transition.RankBy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A small log run without Spark gives exactly the outputs of the Spark run: the same bytes, the same tables. */
class LocalEngineTest {

  @TempDir Path dir;

  static final List<String> CSV_OUTPUTS = List.of("transitions.csv", "variants.csv", "handoffs.csv", "quarantine.csv",
      "graph.dot", "graph.graphml", "graph.json");
  static final List<String> TABLES = List.of("events", "journeys", "variants", "transitions", "quarantine",
      "segment_changes", "segments/transitions", "segments/fates");

  RunConfig options(List<String> inputs, String out, String... args) {
    RunOptions options = new RunOptions();
    new CommandLine(options).parseArgs(args);
    return options.toConfig(inputs, dir.resolve(out).toString());
  }

  @Test
  void theReceiptLogGivesTheSparkRunsOutputsWithoutSpark() throws IOException {
    List<String> receipt = List.of(SparkTest.data("receipt.xes.gz").toString());

    RunResult spark = RunJob.run(SparkTest.spark(), options(receipt, "spark"), Progress.silent());
    RunResult local = RunJob.runLocal(options(receipt, "local"), Progress.silent());

    assertSameOutputs(dir.resolve("spark"), dir.resolve("local"));
    assertThat(local.journeys().grouping()).isEqualTo(JourneysResult.IN_MEMORY);
    assertThat(local.journeys().counts().journeys()).isEqualTo(spark.journeys().counts().journeys()).isEqualTo(1434);
    assertThat(Files.list(dir.resolve("local/journeys")).map(p -> p.getFileName().toString())
        .filter(name -> !name.startsWith(".")))
        .containsExactlyInAnyOrder("part-00000.snappy.parquet", "_SUCCESS");
  }

  @Test
  void aLogWithFatesAndRepeatContactsGivesTheSameOutputs() throws IOException {
    SampleLog.write(dir.resolve("sample"), 400, 7);
    List<String> log = List.of(dir.resolve("sample").resolve(SampleLog.EVENTS_FILE).toString());
    String[] args = DemoCommand.demoArguments().toArray(String[]::new);

    RunResult spark = RunJob.run(SparkTest.spark(), options(log, "spark", args),
        Progress.silent());
    RunResult local = RunJob.runLocal(options(log, "local", args), Progress.silent());

    assertSameOutputs(dir.resolve("spark"), dir.resolve("local"));
    assertThat(local.dropOffRanking()).isEqualTo(spark.dropOffRanking()).isNotEmpty();
    assertThat(local.repeatRanking()).isEqualTo(spark.repeatRanking()).isNotEmpty();
  }

  @Test
  void withStagesEachJourneyCarriesItsStageAndBothEnginesAgree() throws IOException {
    SampleLog.write(dir.resolve("sample"), 400, 7);
    List<String> log = List.of(dir.resolve("sample").resolve(SampleLog.EVENTS_FILE).toString());
    String[] args = DemoCommand.demoArguments(dir.resolve("sample")).toArray(String[]::new);
    Stages stages = options(log, "spark", args).rules().stages();

    RunJob.run(SparkTest.spark(), options(log, "spark", args), Progress.silent());
    RunJob.runLocal(options(log, "local", args), Progress.silent());

    assertSameOutputs(dir.resolve("spark"), dir.resolve("local"));
    assertThat(dir.resolve("local/stages.csv")).hasSameBinaryContentAs(dir.resolve("spark/stages.csv"));
    assertThat(Files.readAllLines(dir.resolve("spark/stages.csv"))).hasSizeGreaterThan(4)
        .anyMatch(l -> l.startsWith("evaluate,buy,")).anyMatch(l -> l.startsWith("buy,access,"))
        .anyMatch(l -> l.startsWith("use,ask,"));
    Dataset<Row> stageTable = SparkTest.spark().read().parquet(dir.resolve("spark/stages").toString());
    Dataset<Row> localStages = SparkTest.spark().read().parquet(dir.resolve("local/stages").toString());
    assertThat(localStages.except(stageTable).count() + stageTable.except(localStages).count()).isZero();
    Dataset<Row> journeys = SparkTest.spark().read().parquet(dir.resolve("spark/journeys").toString());
    assertThat(journeys.columns()).endsWith("touchpoints", "stage", "attributes", "segment");
    // The demo's customers in segments by region: the comparison and every segment's tables, byte for byte.
    for (String file : List.of("segment_changes.csv", "segments/DE/transitions.csv", "segments/FR/stages.csv",
        "segments/IT/variants.csv", "segments/DE/repeat_contacts.csv", "segments/FR/fates.csv")) {
      assertThat(dir.resolve("local/" + file)).as(file).hasSameBinaryContentAs(dir.resolve("spark/" + file));
    }
    List<Row> rows = journeys.select("touchpoints", "stage", "fate").collectAsList();
    assertThat(rows).allSatisfy(r -> assertThat(r.getString(1))
        .isEqualTo(stages.name(stages.of(r.<String>getList(0).get(0)))));
    assertThat(rows).anySatisfy(r -> assertThat(r.getString(1)).isEqualTo("use"));
    assertThat(rows).filteredOn(r -> r.getString(1).equals("access")).extracting(r -> r.getString(2))
        .contains("converted", "dropped").doesNotContain("unjudged");
    // The use stage's goal is paying an invoice; buy and ask have none.
    assertThat(rows).filteredOn(r -> r.getString(1).equals("use")).extracting(r -> r.getString(2))
        .contains("converted").doesNotContain("unjudged");
    assertThat(rows).filteredOn(r -> List.of("buy", "ask", "other").contains(r.getString(1)))
        .allSatisfy(r -> assertThat(r.getString(2)).isEqualTo("unjudged"));
    assertThat(rows).filteredOn(r -> r.getString(1).equals("evaluate")).extracting(r -> r.getString(2))
        .contains("converted", "dropped").doesNotContain("unjudged");
    assertThat(SparkTest.spark().read().parquet(dir.resolve("local/journeys").toString()).columns())
        .endsWith("touchpoints", "stage", "attributes", "segment");
  }

  @Test
  void unreadableRowsAndFilesAreQuarantinedTheSameWay() throws IOException {
    Path log = Files.writeString(dir.resolve("log.csv"), """
        case_id,activity,timestamp
        c1,web:a,2026-03-01T09:00:00Z
        c1,web:b,2026-03-01T09:05:00Z
        c1,web:c,31/02/2026
        ,web:d,2026-03-01T09:07:00Z
        c2,web:a,2026-03-01T10:00:00Z
        c2,web:b,2026-03-01T10:01:00Z
        """);
    Path broken = dir.resolve("broken.xes.gz");
    java.io.ByteArrayOutputStream gzipped = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(gzipped)) {
      gz.write(Files.readAllBytes(SparkTest.data("running-example.xes")));
    }
    // A download that broke off: the gzip stream ends in the middle of the log.
    Files.write(broken, java.util.Arrays.copyOf(gzipped.toByteArray(), gzipped.size() / 2));
    java.util.function.Function<String, RunConfig> config = out -> new RunConfig(
        List.of(log.toString(), broken.toString()), dir.resolve(out).toString(), ReadOptions.defaults(),
        JourneyRules.defaults().withPerCase(true), null, RankBy.LOWER_BOUND, 1, 0.9, 10).withLeniency(true, false);

    RunResult spark = RunJob.run(SparkTest.spark(), config.apply("spark"), Progress.silent());
    RunResult local = RunJob.runLocal(config.apply("local"), Progress.silent());

    assertSameOutputs(dir.resolve("spark"), dir.resolve("local"));
    assertThat(local.ingest().quarantined()).isEqualTo(spark.ingest().quarantined()).isEqualTo(3);
  }

  @Test
  void aNightlyWindowCountsTheEventsBeforeItTheSameWay() throws IOException {
    Path log = Files.writeString(dir.resolve("log.csv"), """
        case_id,activity,timestamp
        c1,web:a,2026-03-01T09:00:00Z
        c1,web:b,2026-03-05T09:05:00Z
        c2,web:a,2026-03-06T10:00:00Z
        c2,call:b,2026-03-06T10:01:00Z
        c2,web:c,2026-03-09T10:01:00Z
        c3,web:a,2026-03-10T10:00:00Z
        """);
    Instant start = Instant.parse("2026-03-04T00:00:00Z");
    Instant end = Instant.parse("2026-03-10T00:00:00Z");
    RunConfig base = new RunConfig(List.of(log.toString()), dir.resolve("x").toString(), ReadOptions.defaults(),
        JourneyRules.defaults().withPerCase(true), null, RankBy.LOWER_BOUND, 1, 0.01, 10);

    RunJob.run(SparkTest.spark(), base.withWindow(start, end, dir.resolve("spark").toString()), Progress.silent());
    RunJob.runLocal(base.withWindow(start, end, dir.resolve("local").toString()), Progress.silent());

    assertSameOutputs(dir.resolve("spark"), dir.resolve("local"));
    assertThat(manifest(dir.resolve("local")).at("/counts/events_before_window").asLong()).isEqualTo(1);
  }

  @Test
  void autoPicksTheLocalEngineForSmallLogsOnlyAndLocalRefusesWhatItCannotRead() throws IOException {
    Path csv = Files.writeString(dir.resolve("log.csv"), "case_id,activity,timestamp\nc1,a,2026-03-01T09:00:00Z\n");
    assertThat(RunJob.suitsLocal(options(List.of(csv.toString()), "out"))).isTrue();
    assertThat(RunJob.suitsLocal(options(List.of(SparkTest.data("receipt.xes.gz").toString()), "out"))).isTrue();

    RunJob.run(SparkTest.spark(), options(List.of(csv.toString()), "first"), Progress.silent());
    RunConfig parquet = options(List.of(dir.resolve("first/events").toString()), "out");
    assertThat(RunJob.suitsLocal(parquet)).isFalse();
    assertThatThrownBy(() -> RunJob.runLocal(parquet, Progress.silent()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Cannot run without Spark")
        .hasMessageContaining("Parquet inputs");

    // A gzipped log counts eight times its size against the limit.
    List<InputFile> gz = InputFiles.resolve(options(List.of(SparkTest.data("receipt.xes.gz").toString()), "out")
        .sources(), new Configuration());
    assertThat(LocalEngine.bytes(gz))
        .isEqualTo(8 * Files.size(SparkTest.data("receipt.xes.gz")));
  }

  /** Byte-identical CSV and graph files, the same manifest but for times and grouping, equal Parquet tables. */
  static void assertSameOutputs(Path spark, Path local) throws IOException {
    for (String file : CSV_OUTPUTS) {
      assertThat(local.resolve(file)).as(file).hasSameBinaryContentAs(spark.resolve(file));
    }
    JsonNode a = manifest(spark);
    JsonNode b = manifest(local);
    for (String key : List.of("options", "inputs", "cut_off", "first_event", "last_event", "counts", "notes")) {
      assertThat(b.get(key)).as(key).isEqualTo(a.get(key));
    }
    for (String table : TABLES) {
      boolean exists = Files.isDirectory(spark.resolve(table));
      assertThat(Files.isDirectory(local.resolve(table))).as(table).isEqualTo(exists);
      if (exists) {
        Dataset<Row> x = SparkTest.spark().read().parquet(spark.resolve(table).toString());
        Dataset<Row> y = SparkTest.spark().read().parquet(local.resolve(table).toString());
        assertThat(y.schema()).as(table).isEqualTo(x.schema());
        x = SparkTest.comparable(x);
        y = SparkTest.comparable(y);
        assertThat(y.except(x).count() + x.except(y).count()).as(table).isZero();
        assertThat(y.count()).as(table).isEqualTo(x.count());
      }
    }
  }

  static JsonNode manifest(Path out) throws IOException {
    return new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
  }
}
