package dev.journeys.jobs.io;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Column names and schema of the unified event table ({@code events/}) and of quarantined rows. */
public final class EventColumns {

  public static final String EVENT_ID = "event_id";
  public static final String CUSTOMER_ID = "customer_id";
  public static final String CASE_ID = "case_id";
  public static final String TS = "ts";
  public static final String TOUCHPOINT = "touchpoint";
  public static final String CHANNEL = "channel";
  public static final String OWNER = "owner";
  public static final String SOURCE = "source";
  public static final String SOURCE_ORDER = "source_order";
  public static final String SEQ = "seq";
  public static final String ASSISTED = "assisted";
  public static final String FILE = "file";
  public static final String LINE = "line";
  public static final String REASON = "reason";
  public static final String RAW = "raw";
  public static final String STATUS = "_status";

  /** The unified event, as {@code events/} holds it and as Parquet inputs must provide it. */
  public static final StructType EVENT = new StructType()
      .add(EVENT_ID, DataTypes.StringType)
      .add(CUSTOMER_ID, DataTypes.StringType)
      .add(CASE_ID, DataTypes.StringType)
      .add(TS, DataTypes.TimestampType)
      .add(TOUCHPOINT, DataTypes.StringType)
      .add(CHANNEL, DataTypes.StringType)
      .add(OWNER, DataTypes.StringType)
      .add(SOURCE, DataTypes.StringType)
      .add(SOURCE_ORDER, DataTypes.IntegerType)
      .add(SEQ, DataTypes.LongType)
      .add(ASSISTED, DataTypes.BooleanType);

  /** What ingest writes: an event or a quarantined row, told apart by {@link #STATUS}. */
  public static final StructType INGESTED = EVENT
      .add(FILE, DataTypes.StringType)
      .add(LINE, DataTypes.LongType)
      .add(REASON, DataTypes.StringType)
      .add(RAW, DataTypes.StringType)
      .add(STATUS, DataTypes.StringType);

  /** How {@code events/} and {@code quarantine/} store rows: every ingested column but the status their folder stands for. */
  public static final StructType STORED = new StructType(java.util.Arrays.stream(INGESTED.fields())
      .filter(f -> !f.name().equals(STATUS)).toArray(org.apache.spark.sql.types.StructField[]::new));

  private EventColumns() {}
}
