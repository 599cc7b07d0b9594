package dev.journeys.jobs.io;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The names and columns of a run's segment outputs: the folder {@code segments/} (a CSV folder per segment, a Parquet
 * table per kind of table with the segment first), the journeys by fate per segment ({@code fates.csv}), and the
 * comparison of two segments ({@code segment_changes.csv}, {@code segment_changes/}).
 */
public final class SegmentRows {

  /** The folder of the segments' tables. */
  public static final String DIR = "segments";
  public static final String CHANGES_FILE = "segment_changes.csv";
  public static final String CHANGES_DIR = "segment_changes";
  public static final String FATES_FILE = "fates.csv";
  public static final String FATES_DIR = "fates";

  /** The Parquet tables under {@code segments/}, by folder name; a segment's CSV folder is never named so. */
  public static final Set<String> TABLES = Set.of("variants", "transitions", "handoffs", StageRows.DIR,
      RepeatContactRows.DIR, ConversionRows.DIR, FATES_DIR);

  public static final StructType FATES = new StructType().add("fate", DataTypes.StringType)
      .add(OutputSchema.JOURNEYS, DataTypes.LongType).add(OutputSchema.SHARE, DataTypes.DoubleType);

  /** The comparison of two segments, one row per transition and rate, most significant first. */
  public static final StructType CHANGES = new StructType()
      .add("from", DataTypes.StringType).add("to", DataTypes.StringType).add("rate", DataTypes.StringType)
      .add("a", DataTypes.StringType).add("rate_a", DataTypes.DoubleType).add("denominator_a", DataTypes.LongType)
      .add("b", DataTypes.StringType).add("rate_b", DataTypes.DoubleType).add("denominator_b", DataTypes.LongType)
      .add("difference", DataTypes.DoubleType).add("difference_lower", DataTypes.DoubleType)
      .add("difference_upper", DataTypes.DoubleType).add("p", DataTypes.DoubleType).add("q", DataTypes.DoubleType);

  public static final List<String> CHANGES_COLUMNS = List.of(CHANGES.fieldNames());

  public static final List<String> FATES_COLUMNS = List.of(FATES.fieldNames());

  private SegmentRows() {}

  /** {@code schema} with the segment as its first column. */
  public static StructType withSegment(StructType schema) {
    StructType withSegment = new StructType().add(OutputSchema.SEGMENT, DataTypes.StringType, false);
    for (org.apache.spark.sql.types.StructField f : schema.fields()) {
      withSegment = withSegment.add(f);
    }
    return withSegment;
  }

  /**
   * The folder of a segment's CSV files: its value, with characters that are not letters, digits or one of
   * {@code . _ - ( ) + , = @} and space percent-encoded as UTF-8 (as are a leading dot, and the first letter of a
   * value named as one of the Parquet tables beside it), so that any value gives one folder on any file system.
   */
  public static String folder(String segment) {
    StringBuilder name = new StringBuilder();
    int[] codePoints = segment.codePoints().toArray();
    for (int i = 0; i < codePoints.length; i++) {
      int cp = codePoints[i];
      boolean plain = (Character.isLetterOrDigit(cp) || "._-()+,=@ ".indexOf(cp) >= 0) && !(i == 0 && cp == '.');
      if (plain && !(i == 0 && TABLES.contains(segment))) {
        name.appendCodePoint(cp);
      } else {
        for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
          name.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
        }
      }
    }
    return name.length() == 0 ? "%20" : name.toString();
  }
}
