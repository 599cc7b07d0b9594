package dev.journeys.jobs.io;

import dev.journeys.model.metric.GapBuckets;
import dev.journeys.model.transition.ConversionTimes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The rows of {@code conversion_times.csv} and {@code conversion_times/}: per goal reached, how long its converted
 * journeys took from their first event to their first goal event: {@code goal, journeys, mean_seconds,
 * median_seconds, p90_seconds, p99_seconds}, then the journeys per {@link GapBuckets} bucket
 * ({@code journeys_under_1s} … {@code journeys_90d_plus}).
 */
public final class ConversionRows {

  public static final String FILE = "conversion_times.csv";
  public static final String DIR = "conversion_times";
  public static final String BUCKET_PREFIX = "journeys_";

  private final Columns columns = new Columns();

  public ConversionRows() {
    columns.add("goal", DataTypes.StringType);
    columns.add("journeys", DataTypes.LongType);
    columns.add("mean_seconds", DataTypes.DoubleType);
    columns.add("median_seconds", DataTypes.DoubleType);
    columns.add("p90_seconds", DataTypes.DoubleType);
    columns.add("p99_seconds", DataTypes.DoubleType);
    for (String bucket : GapBuckets.LABELS) {
      columns.add(BUCKET_PREFIX + bucket, DataTypes.LongType);
    }
  }

  public List<String> header() {
    return columns.header();
  }

  public StructType schema() {
    return columns.schema();
  }

  /** One row per goal, most journeys first, then by name. */
  public List<Row> rows(Map<String, ConversionTimes> byGoal) {
    List<Map.Entry<String, ConversionTimes>> goals = new ArrayList<>(byGoal.entrySet());
    goals.sort(Map.Entry.<String, ConversionTimes>comparingByValue(
        (a, b) -> Long.compare(b.journeys(), a.journeys())).thenComparing(Map.Entry.comparingByKey()));
    List<Row> rows = new ArrayList<>(goals.size());
    for (Map.Entry<String, ConversionTimes> e : goals) {
      ConversionTimes t = e.getValue();
      List<Object> v = new ArrayList<>(columns.size());
      v.add(e.getKey());
      v.add(t.journeys());
      v.add(t.times().meanSeconds());
      v.add(t.times().quantileSeconds(0.5));
      v.add(t.times().quantileSeconds(0.9));
      v.add(t.times().quantileSeconds(0.99));
      for (long n : t.buckets()) {
        v.add(n);
      }
      rows.add(RowFactory.create(v.toArray()));
    }
    return rows;
  }
}
