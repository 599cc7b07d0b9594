package dev.journeys.jobs.io;

import dev.journeys.model.journey.Fate;
import dev.journeys.model.path.PathsAround;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The rows of {@code paths.csv} and {@code paths/}: the paths around one touchpoint ({@link PathsAround}), per side
 * ({@code before}, {@code after}, {@code dropped_last}) the {@link #TOP} most common, most journeys first, then the
 * rest as {@code other}: {@code around, side, rank, path, journeys, share, converted_share, dropped_share,
 * pending_share, unjudged_share}. A path's steps are joined with {@code " → "}; its share is of the journeys that
 * pass the touchpoint ({@code dropped_last}: of those that dropped); its fate shares are of its own journeys.
 */
public final class PathRows {

  public static final String FILE = "paths.csv";
  public static final String DIR = "paths";
  /** The most common paths listed per side; the rest are one row, {@code other}. */
  public static final int TOP = 20;
  public static final String STEP = " → ";

  public static final StructType SCHEMA = new StructType()
      .add("around", DataTypes.StringType).add("side", DataTypes.StringType).add(OutputSchema.RANK, DataTypes.IntegerType)
      .add("path", DataTypes.StringType).add(OutputSchema.JOURNEYS, DataTypes.LongType)
      .add(OutputSchema.SHARE, DataTypes.DoubleType).add("converted_share", DataTypes.DoubleType)
      .add("dropped_share", DataTypes.DoubleType).add("pending_share", DataTypes.DoubleType)
      .add("unjudged_share", DataTypes.DoubleType);

  public static final List<String> COLUMNS = List.of(SCHEMA.fieldNames());

  private PathRows() {}

  /** The rows of {@code paths}, side by side in the order before, after, dropped_last. */
  public static List<Row> rows(PathsAround paths) {
    List<Row> rows = new ArrayList<>();
    long dropped = paths.byFate()[Fate.DROPPED.ordinal()];
    for (PathsAround.Side side : PathsAround.Side.values()) {
      long of = side == PathsAround.Side.DROPPED_LAST ? dropped : paths.journeys();
      int rank = 0;
      for (PathsAround.Path p : paths.top(side, TOP)) {
        long n = p.journeys();
        long[] f = p.byFate();
        rows.add(RowFactory.create(paths.around(), side.label(), p.isOther() ? null : ++rank,
            p.isOther() ? PathsAround.OTHER : String.join(STEP, p.steps()), n, share(n, of),
            share(f[Fate.CONVERTED.ordinal()], n), share(f[Fate.DROPPED.ordinal()], n),
            share(f[Fate.PENDING.ordinal()], n), share(f[Fate.UNJUDGED.ordinal()], n)));
      }
    }
    return rows;
  }

  private static Double share(long part, long whole) {
    return whole == 0 ? null : (double) part / whole;
  }
}
