package dev.journeys.jobs.io;

import dev.journeys.model.variant.Variant;
import dev.journeys.model.variant.VariantCounts;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The rows of {@code variants.csv} and {@code variants/}: journeys grouped by variant (their touchpoint sequence),
 * journeys, share of all journeys, cumulative share in rank order, converted and dropped shares of the variant's
 * journeys, median duration.
 */
public final class VariantRows {

  public static final String RANK = "rank";
  public static final String JOURNEYS = "journeys";
  public static final String CUMULATIVE_SHARE = "cumulative_share";
  public static final String TOUCHPOINTS = "touchpoints";

  public static final StructType SCHEMA = new StructType()
      .add(RANK, DataTypes.IntegerType)
      .add(JOURNEYS, DataTypes.LongType)
      .add("share", DataTypes.DoubleType)
      .add(CUMULATIVE_SHARE, DataTypes.DoubleType)
      .add("converted_share", DataTypes.DoubleType)
      .add("dropped_share", DataTypes.DoubleType)
      .add("median_duration_seconds", DataTypes.DoubleType)
      .add(TOUCHPOINTS, DataTypes.StringType)
      .add("events", DataTypes.IntegerType);

  /** The columns, in order. */
  public static final String[] COLUMNS = SCHEMA.fieldNames();

  private VariantRows() {}

  /** The variant table's rows in rank order, from the kernel's counts; null when it could not count them all. */
  public static List<Row> rows(VariantCounts counts, long totalJourneys, boolean judgesFates) {
    return counts.overflowed() ? null : rows(counts.table(totalJourneys, judgesFates));
  }

  /** The variant table's rows, in the order of {@code variants}. */
  public static List<Row> rows(List<Variant> variants) {
    List<Row> rows = new ArrayList<>(variants.size());
    for (Variant v : variants) {
      rows.add(RowFactory.create(v.rank(), v.journeys(), v.share(), v.cumulativeShare(), v.convertedShare(),
          v.droppedShare(), v.medianDurationSeconds(), v.sequence(), v.touchpoints().size()));
    }
    return rows;
  }
}
