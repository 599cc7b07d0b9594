package dev.journeys.jobs.journey;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.journeys.jobs.io.EventColumns;
import dev.journeys.jobs.io.JourneyColumns;
import dev.journeys.model.event.Micros;
import dev.journeys.model.journey.JourneyRules;
import dev.journeys.model.transition.TransitionCounts;
import java.time.Instant;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds journeys and counts transitions with one shuffle: partition events by customer, sort inside
 * partitions, stream customer by customer through the kernel. Writes {@code journeys/}; the counts
 * come back through an accumulator, one merge per task.
 */
public final class JourneyJob {

  private static final Logger LOG = LoggerFactory.getLogger(JourneyJob.class);

  private JourneyJob() {}

  /** What the job judged and counted. */
  public record Result(Instant cutoff, Instant firstEvent, Instant lastEvent, long eventsAfterCutoff,
      TransitionCounts counts) {}

  public static Result run(SparkSession spark, Dataset<Row> events, JourneyRules rules, Instant cutoff,
      String journeysDir) {
    spark.sparkContext().setJobDescription("journeys: find the time range and the cut-off");
    Row range = events.agg(min(EventColumns.TS), max(EventColumns.TS),
        cutoff == null ? lit(0L) : sum(when(col(EventColumns.TS).gt(lit(cutoff)), 1L).otherwise(0L))).first();
    Instant first = range.isNullAt(0) ? null : (Instant) range.get(0);
    Instant last = range.isNullAt(1) ? null : (Instant) range.get(1);
    long afterCutoff = range.isNullAt(2) ? 0 : range.getLong(2);
    Instant effectiveCutoff = cutoff != null ? cutoff : last != null ? last : Instant.EPOCH;

    TransitionCountsAccumulator counts = new TransitionCountsAccumulator(rules.repeatWindows().size());
    spark.sparkContext().register(counts, "transition counts");
    Dataset<Row> journeys = buildJourneys(events.filter(col(EventColumns.TS).leq(lit(effectiveCutoff))), rules,
        Micros.of(effectiveCutoff), counts);
    spark.sparkContext().setJobDescription("journeys: cut journeys and count transitions");
    journeys.write().mode("overwrite").parquet(journeysDir);
    spark.sparkContext().setJobDescription(null);
    LOG.info("Built {} journeys from {} events of {} customers, cut-off {}", counts.value().journeys(),
        counts.value().events(), counts.value().customers(), effectiveCutoff);
    return new Result(effectiveCutoff, first, last, afterCutoff, counts.value());
  }

  /** Partitions by customer, sorts inside partitions, and streams each partition through the kernel. */
  public static Dataset<Row> buildJourneys(Dataset<Row> events, JourneyRules rules, long cutoffMicros,
      TransitionCountsAccumulator counts) {
    Dataset<Row> sorted = events
        .select(col(EventColumns.CUSTOMER_ID), col(EventColumns.CASE_ID), col(EventColumns.TS),
            col(EventColumns.TOUCHPOINT), col(EventColumns.CHANNEL), col(EventColumns.OWNER),
            col(EventColumns.ASSISTED), col(EventColumns.SOURCE_ORDER), col(EventColumns.SEQ))
        .repartition(col(EventColumns.CUSTOMER_ID))
        .sortWithinPartitions(rules.perCase()
            ? new org.apache.spark.sql.Column[] {col(EventColumns.CUSTOMER_ID), col(EventColumns.CASE_ID),
                col(EventColumns.TS), col(EventColumns.SOURCE_ORDER), col(EventColumns.SEQ)}
            : new org.apache.spark.sql.Column[] {col(EventColumns.CUSTOMER_ID), col(EventColumns.TS),
                col(EventColumns.SOURCE_ORDER), col(EventColumns.SEQ)});
    return sorted.mapPartitions(new KernelPartition(rules, cutoffMicros, counts),
        Encoders.row(JourneyColumns.SCHEMA));
  }
}
