package dev.journeys.jobs.engine.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;

import dev.journeys.jobs.engine.Stitching;
import dev.journeys.jobs.ingest.Break;
import dev.journeys.jobs.ingest.Identities;
import dev.journeys.jobs.ingest.InputFile;
import dev.journeys.jobs.ingest.LogParser;
import dev.journeys.jobs.io.HadoopFiles;
import dev.journeys.jobs.io.OutputSchema;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The raw exports of a run: read through their sources' mappings ({@link RawIngest}), customers stitched, their
 * events appended to {@code events/} clustered by customer, their unreadable records to {@code quarantine/}.
 */
final class RawExports {

  private RawExports() {}

  /**
   * Reads raw exports through their mappings, stitches customers, and appends their events to
   * {@code events/} and their unreadable records to {@code quarantine/}.
   */
  static Stitching read(SparkSession spark, List<InputFile> exports, FileSystem fs, String outDir,
      Identities identities, org.apache.spark.util.CollectionAccumulator<Break> breaks,
      org.apache.spark.util.CollectionAccumulator<java.util.Map.Entry<String, Long>> invalidUtf8) {
    RawIngest.Counters counters = RawIngest.Counters.of(spark, breaks, invalidUtf8);
    String staging = outDir + "/_staging-exports";
    List<LogParser.Part> parts = LogParts.of(spark, exports);
    spark.sparkContext().setJobDescription("ingest: read " + exports.size() + " raw export files (" + parts.size()
        + " parts)");
    RawIngest.read(spark, parts, identities, counters).write().mode("overwrite").partitionBy(OutputSchema.STATUS)
        .parquet(staging);
    long[] recordsBefore = counters.recordsBefore(parts);
    String bad = staging + "/" + OutputSchema.STATUS + "=bad";
    if (HadoopFiles.exists(fs, bad)) {
      Dataset<Row> rows = staged(spark, bad, recordsBefore).select(quarantineColumns());
      if (identities.pseudonymiser() != null) {
        // The raw text of an unreadable record may hold personal keys in clear: keep where it is, not what.
        rows = rows.withColumn(OutputSchema.RAW, lit(LogParser.WITHHELD));
      }
      rows.write().mode("append").parquet(outDir + "/quarantine");
    }
    String withoutKey = staging + "/" + OutputSchema.STATUS + "=" + RawIngest.UNATTRIBUTED;
    Dataset<Row> unattributed = HadoopFiles.exists(fs, withoutKey)
        ? spark.read().parquet(withoutKey).select(UNATTRIBUTED_COLUMNS)
        : spark.createDataFrame(List.of(), UNATTRIBUTED);
    long withoutAnyKey = unattributed.count();
    Map<String, Long> unreadablePhones = counters.unreadablePhonesBySource();
    String ok = staging + "/" + OutputSchema.STATUS + "=ok";
    Stitching stitching;
    if (HadoopFiles.exists(fs, ok)) {
      spark.sparkContext().setJobDescription("ingest: stitch identities");
      java.util.Set<String> chainKinds = exports.stream().map(f -> f.of().mapping().chainKind())
          .filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
      Dataset<Row> records = staged(spark, ok, recordsBefore).withColumn(IdentityStitching.RECORD_ID,
          concat_ws(":", col(OutputSchema.SOURCE), col(OutputSchema.SOURCE_ORDER).cast("string"),
              col(OutputSchema.SEQ).cast("string")));
      RawStitching.Stitched stitched = RawStitching.stitch(records, identities, chainKinds);
      Dataset<Row> events = stitched.events().select(Ingest.eventColumns()).localCheckpoint();
      long eventCount = events.count();
      // Written clustered by customer (ranges of customers, each file sorted), so that the journeys of
      // this run and of any later run on events/ stream file by file without a shuffle.
      events.repartitionByRange(clusteredFiles(spark, eventCount), col(OutputSchema.CUSTOMER_ID))
          .sortWithinPartitions(col(OutputSchema.CUSTOMER_ID), col(OutputSchema.TS), col(OutputSchema.SOURCE_ORDER),
              col(OutputSchema.SEQ))
          .withColumn(OutputSchema.FILE, lit(null).cast("string"))
          .withColumn(OutputSchema.LINE, lit(null).cast("long")).withColumn(OutputSchema.REASON, lit(null).cast("string"))
          .withColumn(OutputSchema.RAW, lit(null).cast("string"))
          .write().mode("append").parquet(outDir + "/events");
      unattributed = unattributed.union(stitched.chainOnly().select(UNATTRIBUTED_COLUMNS)).localCheckpoint();
      Map<String, Long> unattributedBySource = countBySource(unattributed);
      IdentityStitching.Result s = stitched.stitching();
      stitching = new Stitching(stitched.records() + withoutAnyKey, eventCount, s.customers().count(),
          events.select(OutputSchema.CUSTOMER_ID).distinct().count(), s.oversized().count(),
          stitched.duplicatesDropped(), counters.excluded().value(), total(unattributedBySource), s.rounds(),
          unreadablePhones, withScrubbed(RawStitching.report(stitched, identities.pseudonymiser(), unreadablePhones,
              unattributedBySource), counters.scrubbed().value()));
    } else {
      stitching = new Stitching(withoutAnyKey, 0, 0, 0, 0, 0, counters.excluded().value(), withoutAnyKey, 0,
          unreadablePhones, Map.of());
    }
    unattributed.orderBy(OutputSchema.SOURCE_ORDER, OutputSchema.FILE, OutputSchema.LINE)
        .drop(OutputSchema.SOURCE_ORDER).coalesce(1).write().mode("overwrite").parquet(outDir + "/unattributed");
    HadoopFiles.delete(fs, staging);
    return stitching;
  }

  /**
   * The rows of one status of the staged records, numbered within their files: each row's {@code seq} counted on
   * from the records of its file's earlier parts.
   */
  private static Dataset<Row> staged(SparkSession spark, String dir, long[] recordsBefore) {
    Dataset<Row> rows = spark.read().parquet(dir);
    if (java.util.Arrays.stream(recordsBefore).anyMatch(n -> n != 0)) {
      Column before = org.apache.spark.sql.functions.element_at(
          lit(recordsBefore), col(RawIngest.PART).plus(1));
      rows = rows.withColumn(OutputSchema.SEQ, col(OutputSchema.SEQ).plus(before));
    }
    return rows.drop(RawIngest.PART);
  }

  /** The rows of {@code unattributed/}: records read but given to no customer, by file and line, with why. */
  static final StructType UNATTRIBUTED = new StructType()
      .add(OutputSchema.SOURCE, DataTypes.StringType)
      .add(OutputSchema.SOURCE_ORDER, DataTypes.IntegerType)
      .add(OutputSchema.FILE, DataTypes.StringType)
      .add(OutputSchema.LINE, DataTypes.LongType)
      .add(OutputSchema.REASON, DataTypes.StringType);

  private static final Column[] UNATTRIBUTED_COLUMNS = java.util.Arrays.stream(UNATTRIBUTED.fieldNames())
      .map(org.apache.spark.sql.functions::col).toArray(Column[]::new);

  private static Map<String, Long> countBySource(Dataset<Row> rows) {
    Map<String, Long> counts = new java.util.TreeMap<>();
    rows.groupBy(OutputSchema.SOURCE).count().collectAsList().forEach(r -> counts.put(r.getString(0), r.getLong(1)));
    return counts;
  }

  private static long total(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The stitching report with the number of touchpoints the scrubber changed (personal data taken out). */
  private static java.util.Map<String, Object> withScrubbed(java.util.Map<String, Object> report, long scrubbed) {
    java.util.Map<String, Object> all = new java.util.LinkedHashMap<>(report);
    all.put("touchpoints_scrubbed", scrubbed);
    return all;
  }

  /** Files of clustered events: about a million events each, at least two per core. */
  static int clusteredFiles(SparkSession spark, long events) {
    return (int) Math.max(2L * spark.sparkContext().defaultParallelism(), Math.min((events + 999_999) / 1_000_000,
        100_000));
  }

  /** The columns of {@code quarantine/}, the same for every kind of input. */
  private static Column[] quarantineColumns() {
    return java.util.Arrays.stream(OutputSchema.INGESTED.fieldNames())
        .filter(c -> !c.equals(OutputSchema.STATUS))
        .map(c -> RawIngest.MAPPED.getFieldIndex(c).isDefined() && !c.equals(OutputSchema.TS)
            && !c.equals(OutputSchema.TOUCHPOINT) && !c.equals(OutputSchema.CHANNEL) && !c.equals(OutputSchema.OWNER)
            && !c.equals(OutputSchema.ASSISTED)
            ? col(c) : lit(null).cast(OutputSchema.INGESTED.apply(c).dataType()).as(c))
        .toArray(Column[]::new);
  }
}
