package dev.journeys.jobs.engine.spark;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.median;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.journeys.jobs.io.OutputSchema;
import dev.journeys.jobs.io.VariantRows;
import dev.journeys.model.journey.Fate;
import dev.journeys.model.variant.Variant;
import org.apache.spark.sql.Column;
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
    Dataset<Row> grouped = journeys.groupBy(col(OutputSchema.TOUCHPOINTS).as("sequence")).agg(
        count(lit(1)).as(OutputSchema.JOURNEYS),
        sum(when(col(OutputSchema.FATE).equalTo(Fate.CONVERTED.label()), 1L).otherwise(0L)).as("converted"),
        sum(when(col(OutputSchema.FATE).equalTo(Fate.DROPPED.label()), 1L).otherwise(0L)).as("dropped"),
        median(col(OutputSchema.DURATION_SECONDS)).as(OutputSchema.MEDIAN_DURATION_SECONDS));
    // One ordered window over all variants: variants are far fewer than events, and the rank needs a total order.
    Dataset<Row> named = grouped.withColumn(OutputSchema.TOUCHPOINTS, array_join(col("sequence"), Variant.SEPARATOR));
    WindowSpec order = Window.orderBy(col(OutputSchema.JOURNEYS).desc(), col(OutputSchema.TOUCHPOINTS).asc());
    double total = Math.max(1, totalJourneys);
    Column count = col(OutputSchema.JOURNEYS);
    Column undefined = lit(null).cast("double");
    return named
        .withColumn(OutputSchema.RANK, row_number().over(order))
        .withColumn(OutputSchema.SHARE, count.divide(lit(total)))
        .withColumn(OutputSchema.CUMULATIVE_SHARE,
            sum(count).over(order.rowsBetween(Window.unboundedPreceding(), Window.currentRow())).divide(lit(total)))
        .withColumn(OutputSchema.CONVERTED_SHARE, judgesFates ? col("converted").divide(count) : undefined)
        .withColumn(OutputSchema.DROPPED_SHARE, judgesFates ? col("dropped").divide(count) : undefined)
        .withColumn(OutputSchema.EVENTS, org.apache.spark.sql.functions.size(col("sequence")))
        .withColumn(OutputSchema.RANK, col(OutputSchema.RANK).cast("int"))
        .select(java.util.Arrays.stream(OutputSchema.VARIANT.fieldNames()).map(c -> col(c)).toArray(Column[]::new))
        .orderBy(col(OutputSchema.RANK));
  }
}
