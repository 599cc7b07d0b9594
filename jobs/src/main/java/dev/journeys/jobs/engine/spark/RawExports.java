package dev.journeys.jobs.engine.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.journeys.jobs.engine.Stitching;
import dev.journeys.jobs.ingest.Break;
import dev.journeys.jobs.ingest.Identities;
import dev.journeys.jobs.ingest.InputFile;
import dev.journeys.jobs.ingest.LogParser;
import dev.journeys.jobs.io.HadoopFiles;
import dev.journeys.jobs.io.OutputSchema;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

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
    LongAccumulator excluded = spark.sparkContext().longAccumulator("records excluded");
    LongAccumulator unattributed = spark.sparkContext().longAccumulator("records without identity");
    String staging = outDir + "/_staging-exports";
    spark.sparkContext().setJobDescription("ingest: read " + exports.size() + " raw export files");
    LongAccumulator scrubbed = spark.sparkContext().longAccumulator("touchpoints scrubbed");
    RawIngest.read(spark, exports, excluded, unattributed, breaks, identities.scrubber(), scrubbed, invalidUtf8).write().mode("overwrite").partitionBy(OutputSchema.STATUS)
        .parquet(staging);
    String bad = staging + "/" + OutputSchema.STATUS + "=bad";
    if (HadoopFiles.exists(fs, bad)) {
      Dataset<Row> rows = spark.read().parquet(bad).select(quarantineColumns());
      if (identities.pseudonymiser() != null) {
        // The raw text of an unreadable record may hold personal keys in clear: keep where it is, not what.
        rows = rows.withColumn(OutputSchema.RAW, lit(LogParser.WITHHELD));
      }
      rows.write().mode("append").parquet(outDir + "/quarantine");
    }
    String ok = staging + "/" + OutputSchema.STATUS + "=ok";
    Stitching stitching = new Stitching(0, 0, 0, 0, 0, 0, excluded.value(), unattributed.value(), 0,
        java.util.Map.of());
    if (HadoopFiles.exists(fs, ok)) {
      spark.sparkContext().setJobDescription("ingest: stitch identities");
      RawStitching.Stitched stitched = RawStitching.stitch(spark.read().parquet(ok), identities.maxKeys(),
          identities.pseudonymiser());
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
      IdentityStitching.Result s = stitched.stitching();
      stitching = new Stitching(stitched.records(), eventCount, s.customers().count(),
          events.select(OutputSchema.CUSTOMER_ID).distinct().count(), s.oversized().count(),
          stitched.duplicates(), excluded.value(), unattributed.value(), s.rounds(),
          withScrubbed(RawStitching.report(stitched, identities.pseudonymiser()), scrubbed.value()));
    }
    HadoopFiles.delete(fs, staging);
    return stitching;
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
