package dev.journeys.jobs.engine.spark;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.median;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.journeys.jobs.io.JourneyColumns;
import dev.journeys.jobs.io.VariantRows;
import dev.journeys.model.journey.Fate;
import dev.journeys.model.variant.Variant;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Groups the journeys table by variant with Spark, for when there are too many variants for the kernel to count
 * (see {@link VariantRows} for the columns).
 */
public final class VariantJob {

  private VariantJob() {}

  /** Groups the journeys table by variant, for when there are too many variants to count in the kernel. */
  public static Dataset<Row> variants(Dataset<Row> journeys, long totalJourneys, boolean judgesFates) {
    Dataset<Row> grouped = journeys.groupBy(col(JourneyColumns.TOUCHPOINTS).as("sequence")).agg(
        count(lit(1)).as("journeys"),
        sum(when(col(JourneyColumns.FATE).equalTo(Fate.CONVERTED.label()), 1L).otherwise(0L)).as("converted"),
        sum(when(col(JourneyColumns.FATE).equalTo(Fate.DROPPED.label()), 1L).otherwise(0L)).as("dropped"),
        median(col(JourneyColumns.DURATION_SECONDS)).as("median_duration_seconds"));
    // One ordered window over all variants: variants are far fewer than events, and the rank needs a total order.
    Dataset<Row> named = grouped.withColumn("touchpoints", array_join(col("sequence"), Variant.SEPARATOR));
    WindowSpec order = Window.orderBy(col("journeys").desc(), col("touchpoints").asc());
    double total = Math.max(1, totalJourneys);
    return named
        .withColumn("rank", row_number().over(order))
        .withColumn("share", col("journeys").divide(lit(total)))
        .withColumn("cumulative_share", sum(col("journeys")).over(order.rowsBetween(Window.unboundedPreceding(),
            Window.currentRow())).divide(lit(total)))
        .withColumn("converted_share", judgesFates ? col("converted").divide(col("journeys")) : lit(null).cast("double"))
        .withColumn("dropped_share", judgesFates ? col("dropped").divide(col("journeys")) : lit(null).cast("double"))
        .withColumn("events", org.apache.spark.sql.functions.size(col("sequence")))
        .withColumn("rank", col("rank").cast("int"))
        .select(java.util.Arrays.stream(VariantRows.COLUMNS).map(c -> col(c)).toArray(org.apache.spark.sql.Column[]::new))
        .orderBy(col("rank"));
  }
}
