package dev.journeys.jobs.engine.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.journeys.jobs.ingest.EventProfile;
import dev.journeys.jobs.io.OutputSchema;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The {@link EventProfile} of a Spark table of events, in one aggregate. */
public final class SparkProfile {

  private SparkProfile() {}

  /** The grouping columns of the profile aggregate. */
  static Column[] keys() {
    return new Column[] {col(OutputSchema.TOUCHPOINT), col(OutputSchema.CHANNEL), col(OutputSchema.OWNER)};
  }

  /** The aggregates, in the order {@link #from} reads them after the keys. */
  static Column[] aggregates(Instant cutoff) {
    return new Column[] {min(OutputSchema.TS), max(OutputSchema.TS),
        cutoff == null ? lit(0L) : sum(when(col(OutputSchema.TS).gt(lit(cutoff)), 1L).otherwise(0L)),
        count(lit(1))};
  }

  /** Profiles {@code events} in one scan. */
  public static EventProfile of(Dataset<Row> events, Instant cutoff) {
    Column[] aggregates = aggregates(cutoff);
    return from(events.groupBy(keys()).agg(aggregates[0], Arrays.copyOfRange(aggregates, 1, aggregates.length))
        .collectAsList(), 0);
  }

  /** Reads aggregate rows whose keys and aggregates start at column {@code offset}. */
  static EventProfile from(List<Row> rows, int offset) {
    EventProfile profile = EventProfile.EMPTY;
    for (Row r : rows) {
      profile = profile.plus(new EventProfile(
          List.<String[]>of(new String[] {r.getString(offset), r.getString(offset + 1), r.getString(offset + 2)}),
          (Instant) r.get(offset + 3), (Instant) r.get(offset + 4), r.getLong(offset + 6), r.getLong(offset + 5)));
    }
    return profile;
  }
}
