package dev.journeys.jobs.engine.spark;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.xxhash64;

import dev.journeys.jobs.engine.JourneysResult;
import dev.journeys.jobs.ingest.EventProfile;
import dev.journeys.jobs.io.OutputSchema;
import dev.journeys.model.event.Micros;
import dev.journeys.model.journey.JourneyRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds journeys and counts transitions: events already clustered by customer are streamed file by
 * file through the kernel with no shuffle ({@link ClusteredJourneys}); others take one shuffle: partition
 * by customer, sort inside partitions, stream customer by customer through the kernel. Writes
 * {@code journeys/}; the counts come back through an accumulator, one merge per task.
 */
public final class JourneyJob {

  private static final Logger LOG = LoggerFactory.getLogger(JourneyJob.class);

  static final long EVENTS_PER_PARTITION = 1_000_000;

  private JourneyJob() {}

  public static JourneysResult run(SparkSession spark, Dataset<Row> events, EventProfile profile, JourneyRules rules,
      Instant cutoff, String journeysDir) {
    return run(spark, events, profile, rules, cutoff, journeysDir, false);
  }

  /**
   * As above; when {@code maybeClustered}, the events may already be clustered by customer (see
   * {@link ClusteredJourneys}) and are first streamed without a shuffle, which checks that they are.
   */
  public static JourneysResult run(SparkSession spark, Dataset<Row> events, EventProfile profile, JourneyRules rules,
      Instant cutoff, String journeysDir, boolean maybeClustered) {
    return run(spark, events, profile, rules, cutoff, journeysDir,
        maybeClustered ? null : "events parsed from XES or CSV logs are not clustered by customer");
  }

  /**
   * As above; {@code notClustered} says why the events are known not to be clustered by customer, or is
   * null when they may be, and are then first streamed without a shuffle.
   */
  public static JourneysResult run(SparkSession spark, Dataset<Row> events, EventProfile profile, JourneyRules rules,
      Instant cutoff, String journeysDir, String notClustered) {
    Instant first = profile.first();
    Instant last = profile.last();
    long total = profile.events();
    long afterCutoff = profile.afterCutoff();
    Instant effectiveCutoff = JourneysResult.effectiveCutoff(profile, cutoff);
    String[][] dictionary = profile.combinations().toArray(String[][]::new);

    Dataset<Row> upToCutoff = events.filter(col(OutputSchema.TS).leq(lit(effectiveCutoff)));
    String shuffleReason = notClustered != null ? notClustered
        : rules.perCase() ? "journeys per case need the events ordered by case" : null;
    if (shuffleReason == null) {
      TransitionCountsAccumulator counts = new TransitionCountsAccumulator(rules.repeatWindows().size());
      spark.sparkContext().register(counts, "transition counts, streamed");
      KernelPartition kernel = new KernelPartition(rules, Micros.of(effectiveCutoff), counts, dictionary);
      java.util.Optional<String> streamFailed = ClusteredJourneys.tryRun(spark, upToCutoff, kernel, journeysDir);
      if (streamFailed.isEmpty()) {
        LOG.info("Streamed {} journeys from {} events clustered by customer, no shuffle",
            counts.value().journeys(), counts.value().events());
        return new JourneysResult(effectiveCutoff, first, last, afterCutoff, counts.value(), JourneysResult.STREAMED);
      }
      shuffleReason = streamFailed.get();
    }
    TransitionCountsAccumulator counts = new TransitionCountsAccumulator(rules.repeatWindows().size());
    spark.sparkContext().register(counts, "transition counts");
    Dataset<Row> journeys = buildJourneys(upToCutoff, rules, Micros.of(effectiveCutoff), counts, dictionary,
        partitions(spark, total));
    spark.sparkContext().setJobDescription("journeys: cut journeys and count transitions");
    journeys.write().mode("overwrite").parquet(journeysDir);
    spark.sparkContext().setJobDescription(null);
    LOG.info("Built {} journeys from {} events of {} customers, cut-off {}", counts.value().journeys(),
        counts.value().events(), counts.value().customers(), effectiveCutoff);
    return new JourneysResult(effectiveCutoff, first, last, afterCutoff, counts.value(),
        JourneysResult.SHUFFLED + shuffleReason);
  }

  /**
   * Partitions for the shuffle by customer: about a million events each, at least two per core, so
   * every core stays busy and a partition's sort rarely spills.
   */
  static int partitions(SparkSession spark, long events) {
    long byVolume = (events + EVENTS_PER_PARTITION - 1) / EVENTS_PER_PARTITION;
    return (int) Math.max(2L * spark.sparkContext().defaultParallelism(), Math.min(byVolume, 100_000));
  }

  /**
   * Partitions by customer, sorts inside partitions, and streams each partition through the kernel.
   * Touchpoint, channel and owner travel through the shuffle as one small int (their index in
   * {@code combinations}, joined from a broadcast dictionary), the time as microseconds: no strings
   * per event but the customer.
   */
  public static Dataset<Row> buildJourneys(Dataset<Row> events, JourneyRules rules, long cutoffMicros,
      TransitionCountsAccumulator counts, String[][] combinations, int partitions) {
    List<Row> dictionary = new ArrayList<>(combinations.length);
    for (int i = 0; i < combinations.length; i++) {
      dictionary.add(RowFactory.create(combinations[i][0], combinations[i][1], combinations[i][2], i));
    }
    Dataset<Row> ids = events.sparkSession().createDataFrame(dictionary, new StructType()
        .add("d_touchpoint", DataTypes.StringType).add("d_channel", DataTypes.StringType)
        .add("d_owner", DataTypes.StringType).add("d_id", DataTypes.IntegerType));
    Dataset<Row> encoded = events.join(broadcast(ids),
            col(OutputSchema.TOUCHPOINT).equalTo(col("d_touchpoint"))
                .and(col(OutputSchema.CHANNEL).eqNullSafe(col("d_channel")))
                .and(col(OutputSchema.OWNER).eqNullSafe(col("d_owner"))))
        .select(col(OutputSchema.CUSTOMER_ID), rules.perCase() ? col(OutputSchema.CASE_ID) : lit(null).cast("string"),
            unix_micros(col(OutputSchema.TS)).as("ts_micros"), col("d_id"), col(OutputSchema.ASSISTED),
            col(OutputSchema.SOURCE_ORDER), col(OutputSchema.SEQ),
            xxhash64(col(OutputSchema.CUSTOMER_ID)).as("customer_hash"),
            // The attributes travel only when the run keeps them.
            rules.keepsAttributes() ? col(OutputSchema.ATTRIBUTES) : lit(null).cast("boolean"));
    // Sorted by the customer's hash alone: one long, which Spark sorts by radix, without comparing rows. Customer ids
    // often share their first 8 bytes ("cust-000…"), and the rows of one customer share all of them, so a sort on
    // the ids compared whole strings. The kernel's partition orders each customer's few rows itself, and puts
    // customers sharing a hash (and, per case, cases) in id order (KernelPartition).
    Column[] order = {col("customer_hash")};
    Dataset<Row> sorted = encoded.repartition(partitions, col("customer_hash")).sortWithinPartitions(order);
    KernelPartition kernel = new KernelPartition(rules, cutoffMicros, counts, combinations);
    return sorted.mapPartitions(kernel, Encoders.row(kernel.schema()));
  }
}
