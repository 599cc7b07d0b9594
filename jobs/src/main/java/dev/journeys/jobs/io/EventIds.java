package dev.journeys.jobs.io;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;

/**
 * The {@code event_id} of an event that brings none of its own: where it was read. The one place the scheme is
 * written; the ids must stay as they are, since later runs and users' joins rely on them.
 */
public final class EventIds {

  private EventIds() {}

  /** An event of an XES or CSV log: {@code source:seq}, {@code seq} its record's number in the file. */
  public static String ofLog(String source, long seq) {
    return source + ":" + seq;
  }

  /** An event of a Parquet input without an {@code event_id} column: {@code source:seq}, as for a log. */
  public static Column ofParquet(String source, Column seq) {
    return concat(lit(source + ":"), seq.cast("string"));
  }

  /**
   * An event of a raw export: {@code source:seq:source_order}; {@code seq} numbers records within a file, and the
   * file's place among the inputs ({@code source_order}) keeps ids of two files of one source apart.
   */
  public static Column ofRawExport(Column source, Column seq, Column sourceOrder) {
    return concat_ws(":", source, seq.cast("string"), sourceOrder.cast("string"));
  }
}
