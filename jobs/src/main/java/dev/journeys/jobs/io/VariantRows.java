package dev.journeys.jobs.io;

import dev.journeys.model.variant.Variant;
import dev.journeys.model.variant.VariantCounts;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The rows of {@code variants.csv} and {@code variants/} ({@link OutputSchema#VARIANT}): journeys grouped by variant (their touchpoint sequence),
 * journeys, share of all journeys, cumulative share in rank order, converted and dropped shares of the variant's
 * journeys, median duration.
 */
public final class VariantRows {

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
