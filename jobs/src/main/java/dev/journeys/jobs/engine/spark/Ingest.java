package dev.journeys.jobs.engine.spark;

import static org.apache.spark.sql.functions.col;

import dev.journeys.jobs.engine.IngestResult;
import dev.journeys.jobs.engine.Stitching;
import dev.journeys.jobs.ingest.Break;
import dev.journeys.jobs.ingest.EventProfile;
import dev.journeys.jobs.ingest.Identities;
import dev.journeys.jobs.ingest.InputFile;
import dev.journeys.jobs.ingest.LogParser;
import dev.journeys.jobs.ingest.Pseudonymiser;
import dev.journeys.jobs.io.HadoopFiles;
import dev.journeys.jobs.io.OutputSchema;
import java.time.Instant;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest with Spark reads the inputs into the unified event table and the unreadable rows into
 * {@code quarantine/}. XES and CSV files are parsed once, streaming, into {@code events/} ({@link LogParser}),
 * one task per file or per byte range of a large uncompressed CSV file ({@link LogParts}); raw exports are read, stitched and written clustered by customer
 * ({@link RawExports}); Parquet inputs in the unified schema are checked column-wise and analysed in place
 * ({@link ParquetInput}).
 */
public final class Ingest {

  private static final Logger LOG = LoggerFactory.getLogger(Ingest.class);

  private Ingest() {}

  /** The events ingest read, as a Spark table, and what it read. */
  public record Read(Dataset<Row> events, IngestResult result) {}

  /** Reads {@code inputs}; the profile's late events are those after {@code cutoff} (null: none). */
  public static Read run(SparkSession spark, List<InputFile> inputs, String outDir, Instant cutoff) {
    return run(spark, inputs, outDir, cutoff, Identities.IN_CLEAR);
  }

  public static Read run(SparkSession spark, List<InputFile> inputs, String outDir, Instant cutoff,
      Identities identities) {
    LogParser.checkHeaders(spark.sparkContext().hadoopConfiguration(), inputs);
    LongAccumulator filtered = spark.sparkContext().longAccumulator("rows filtered");
    FileSystem fs = HadoopFiles.fileSystem(spark.sparkContext().hadoopConfiguration(), outDir);
    HadoopFiles.delete(fs, outDir + "/events");
    HadoopFiles.delete(fs, outDir + "/quarantine");
    HadoopFiles.delete(fs, outDir + "/unattributed");

    Tally tally = new Tally();
    List<InputFile> logs = inputs.stream()
        .filter(f -> f.format() == InputFile.Format.XES || f.format() == InputFile.Format.CSV).toList();
    List<InputFile> exports = inputs.stream().filter(f -> f.format() == InputFile.Format.RAW).toList();
    ProfileAccumulator parsed = new ProfileAccumulator();
    spark.sparkContext().register(parsed, "events parsed");
    if (!logs.isEmpty()) {
      readLogs(spark, logs, filtered, parsed, cutoff, fs, outDir, identities.pseudonymiser());
    }
    org.apache.spark.util.CollectionAccumulator<Break> rawBreaks = spark.sparkContext().collectionAccumulator(
        "raw files broken off");
    org.apache.spark.util.CollectionAccumulator<java.util.Map.Entry<String, Long>> rawUtf8 =
        spark.sparkContext().collectionAccumulator("raw files with invalid UTF-8");
    Stitching stitching = exports.isEmpty() ? null
        : RawExports.read(spark, exports, fs, outDir, identities, rawBreaks, rawUtf8);
    // Logs are profiled while parsed; the events of raw exports (stitched, shuffled) need one aggregate more.
    if (HadoopFiles.exists(fs, outDir + "/events")) {
      Dataset<Row> events = spark.read().schema(OutputSchema.STORED).parquet(outDir + "/events").select(eventColumns());
      tally.addEvents(events, exports.isEmpty() ? parsed.value().profile() : SparkProfile.of(events, cutoff));
    }
    if (HadoopFiles.exists(fs, outDir + "/quarantine")) {
      tally.addQuarantined(exports.isEmpty() ? parsed.value().quarantinedRows()
          : spark.read().parquet(outDir + "/quarantine").count());
    }
    if (stitching != null) {
      // Identity links, duplicates, records without a customer and filtered records were read too, though they are
      // no events.
      tally.rowsRead += stitching.records() - stitching.events() + stitching.excluded();
    }
    for (InputFile input : inputs) {
      if (input.format() == InputFile.Format.PARQUET) {
        checkParquet(spark, input, outDir, cutoff, tally, identities.pseudonymiser());
      }
    }
    spark.sparkContext().setJobDescription(null);
    Dataset<Row> events = tally.events != null ? tally.events
        : spark.createDataFrame(List.of(), OutputSchema.EVENT_WITH_ATTRIBUTES);
    long eventsRead = tally.profile.events();
    LOG.info("Read {} events and quarantined {} rows from {} inputs", eventsRead, tally.quarantined, inputs.size());
    List<Break> breaks = new java.util.ArrayList<>(parsed.value().breaks());
    breaks.addAll(rawBreaks.value());
    breaks.sort(java.util.Comparator.comparing(Break::file));
    java.util.Map<String, Long> invalidUtf8 = new java.util.TreeMap<>(parsed.value().invalidUtf8());
    rawUtf8.value().forEach(e -> invalidUtf8.merge(Break.display(e.getKey()), e.getValue(), Long::sum));
    return new Read(events, new IngestResult(tally.profile, tally.rowsRead, eventsRead, tally.quarantined,
        filtered.value(), inputs, stitching, List.copyOf(breaks), invalidUtf8));
  }

  /** What the inputs read so far add up to. */
  private static final class Tally {
    Dataset<Row> events;
    EventProfile profile = EventProfile.EMPTY;
    long rowsRead;
    long quarantined;

    void addEvents(Dataset<Row> more, EventProfile moreProfile) {
      events = events == null ? more : events.unionByName(more);
      profile = profile.plus(moreProfile);
      rowsRead += moreProfile.events();
    }

    void addQuarantined(long rows) {
      quarantined += rows;
      rowsRead += rows;
    }
  }

  /** Parses XES and CSV event logs once: events and quarantined rows leave the same pass, split by status. */
  private static void readLogs(SparkSession spark, List<InputFile> logs, LongAccumulator filtered,
      ProfileAccumulator parsed, Instant cutoff, FileSystem fs, String outDir, Pseudonymiser pseudonymiser) {
    String staging = outDir + "/_staging-ingest";
    raw(spark, logs, filtered, parsed, cutoff, pseudonymiser).write().mode("overwrite").partitionBy(OutputSchema.STATUS)
        .parquet(staging);
    HadoopFiles.move(fs, staging + "/" + OutputSchema.STATUS + "=ok", outDir + "/events");
    HadoopFiles.move(fs, staging + "/" + OutputSchema.STATUS + "=bad", outDir + "/quarantine");
    HadoopFiles.delete(fs, staging);
  }

  /**
   * Parquet in the unified schema is analysed where it lies; only its unreadable rows are copied.
   * One aggregate counts them and profiles the readable ones.
   */
  private static void checkParquet(SparkSession spark, InputFile input, String outDir, Instant cutoff, Tally tally,
      Pseudonymiser pseudonymiser) {
    Dataset<Row> checked = ParquetInput.read(spark, input);
    if (pseudonymiser != null) {
      spark.udf().register("journeys_pseudonym_parquet", (org.apache.spark.sql.api.java.UDF1<String, String>)
          pseudonymiser::pseudonym, DataTypes.StringType);
      checked = checked.withColumn(OutputSchema.CUSTOMER_ID,
          org.apache.spark.sql.functions.callUDF("journeys_pseudonym_parquet", col(OutputSchema.CUSTOMER_ID)));
    }
    spark.sparkContext().setJobDescription("ingest: check " + input.path());
    Column[] keys = SparkProfile.keys();
    Column[] groups = new Column[keys.length + 1];
    groups[0] = col(OutputSchema.STATUS);
    System.arraycopy(keys, 0, groups, 1, keys.length);
    Column[] aggregates = SparkProfile.aggregates(cutoff);
    List<Row> grouped = checked.groupBy(groups)
        .agg(aggregates[0], java.util.Arrays.copyOfRange(aggregates, 1, aggregates.length)).collectAsList();
    List<Row> good = grouped.stream().filter(r -> "ok".equals(r.getString(0))).toList();
    long bad = grouped.stream().filter(r -> !"ok".equals(r.getString(0))).mapToLong(r -> r.getLong(7)).sum();
    tally.addEvents(checked.filter(col(OutputSchema.STATUS).equalTo("ok")).select(eventColumns()),
        SparkProfile.from(good, 1));
    tally.addQuarantined(bad);
    if (bad > 0) {
      ParquetInput.writeQuarantined(checked, outDir);
    }
  }


  /** Removes {@code events/} and {@code quarantine/} an earlier run left in {@code outDir}. */
  public static void clear(SparkSession spark, String outDir) {
    FileSystem fs = HadoopFiles.fileSystem(spark.sparkContext().hadoopConfiguration(), outDir);
    HadoopFiles.delete(fs, outDir + "/events");
    HadoopFiles.delete(fs, outDir + "/quarantine");
  }

  /** Whether {@code outDir} holds quarantined rows. */
  public static boolean hasQuarantine(SparkSession spark, String outDir) {
    return HadoopFiles.exists(HadoopFiles.fileSystem(spark.sparkContext().hadoopConfiguration(), outDir),
        outDir + "/quarantine");
  }


  public static Column[] eventColumns() {
    return java.util.Arrays.stream(OutputSchema.EVENT_WITH_ATTRIBUTES.fieldNames()).map(c -> col(c))
        .toArray(Column[]::new);
  }


  private static Dataset<Row> raw(SparkSession spark, List<InputFile> files, LongAccumulator filtered,
      ProfileAccumulator parsed, Instant cutoff, Pseudonymiser pseudonymiser) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    org.apache.spark.util.SerializableConfiguration conf =
        new org.apache.spark.util.SerializableConfiguration(spark.sparkContext().hadoopConfiguration());
    Instant notAfter = Instant.now();
    List<LogParser.Part> parts = LogParts.of(spark, files);
    spark.sparkContext().setJobDescription("ingest: read " + files.size() + " event logs (" + parts.size()
        + " parts) into events/ and quarantine/");
    JavaRDD<Row> rows = jsc.parallelize(parts, parts.size())
        .flatMap(part -> LogParser.parse(part, conf.value(), cutoff, notAfter, pseudonymiser, () -> filtered.add(1),
            parsed::add));
    return spark.createDataFrame(rows, OutputSchema.INGESTED);
  }

}
