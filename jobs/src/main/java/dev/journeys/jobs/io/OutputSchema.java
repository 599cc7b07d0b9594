package dev.journeys.jobs.io;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Every column of every output, named once, and the schemas of the tables: {@code events/} and
 * {@code quarantine/} ({@link #EVENT}, {@link #INGESTED}, {@link #STORED}), {@code journeys/} ({@link #JOURNEY}),
 * {@code variants/} ({@link #VARIANT}), {@code transitions/} and {@code handoffs/} (their columns depend on the
 * repeat-contact windows: {@link TransitionRows}, the rates' columns named by {@link Rate}). Writers and readers
 * (the report, the nightly comparison, the notebooks' documentation) use these names; the CSV exports have the
 * tables' columns, {@code quarantine.csv} those of {@link #QUARANTINE_CSV}.
 */
public final class OutputSchema {

  // The unified event (events/), and quarantined rows (quarantine/).
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
  /** The attributes a source keeps (name to value), in events/ and, per journey, in journeys/ when a run keeps some. */
  public static final String ATTRIBUTES = "attributes";
  public static final org.apache.spark.sql.types.MapType ATTRIBUTES_TYPE =
      DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true);
  public static final String FILE = "file";
  public static final String LINE = "line";
  public static final String REASON = "reason";
  public static final String RAW = "raw";
  /** Ingest's own column: whether a row is an event ({@code ok}) or quarantined ({@code bad}); never written. */
  public static final String STATUS = "_status";

  // Journeys (journeys/).
  public static final String JOURNEY_INDEX = "journey_index";
  public static final String START = "start";
  public static final String END = "end";
  public static final String EVENTS = "events";
  public static final String DURATION_SECONDS = "duration_seconds";
  public static final String FATE = "fate";
  public static final String TOUCHPOINTS = "touchpoints";
  /** A journey's stage (its first event's), in {@code journeys/} of a run with stages only. */
  public static final String STAGE = "stage";
  /** A journey's segment (its customer's), in {@code journeys/} of a run with segments only; first in segment tables. */
  public static final String SEGMENT = "segment";

  // Variants (variants/, variants.csv); also EVENTS and TOUCHPOINTS.
  public static final String RANK = "rank";
  public static final String JOURNEYS = "journeys";
  public static final String SHARE = "share";
  public static final String CUMULATIVE_SHARE = "cumulative_share";
  public static final String CONVERTED_SHARE = "converted_share";
  public static final String DROPPED_SHARE = "dropped_share";
  public static final String MEDIAN_DURATION_SECONDS = "median_duration_seconds";

  // Transitions (transitions/, transitions.csv) and passages between owners (handoffs/, handoffs.csv); also JOURNEYS.
  public static final String FROM = "from";
  public static final String TO = "to";
  public static final String FROM_OWNER = "from_owner";
  public static final String TO_OWNER = "to_owner";
  public static final String PASSAGES = "passages";
  public static final String CUSTOMERS = "customers";
  public static final String MEAN_GAP_SECONDS = "mean_gap_seconds";
  public static final String MEDIAN_GAP_SECONDS = "median_gap_seconds";
  public static final String P90_GAP_SECONDS = "p90_gap_seconds";
  public static final String P99_GAP_SECONDS = "p99_gap_seconds";
  /** Prefixes the columns that count gaps per {@link dev.journeys.model.metric.GapBuckets} bucket. */
  public static final String GAPS_PREFIX = "gaps_";
  public static final String HANDOFF_SHARE = "handoff_share";
  public static final String CHANNEL_SWITCH_SHARE = "channel_switch_share";
  public static final String DROP_OFF_RANK = "drop_off_rank";
  public static final String REPEAT_CONTACT_RANK = "repeat_contact_rank";

  /**
   * The unified event, as Parquet inputs must provide it: {@code events/} adds the attributes
   * ({@link #EVENT_WITH_ATTRIBUTES}), which a Parquet input may hold as a map column of that name.
   */
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

  /** The unified event with its attributes (null when its source keeps none): the events a run analyses. */
  public static final StructType EVENT_WITH_ATTRIBUTES = EVENT.add(ATTRIBUTES, ATTRIBUTES_TYPE);

  /** What ingest makes of a record: an event or a quarantined row, told apart by {@link #STATUS}. */
  public static final StructType INGESTED = EVENT_WITH_ATTRIBUTES
      .add(FILE, DataTypes.StringType)
      .add(LINE, DataTypes.LongType)
      .add(REASON, DataTypes.StringType)
      .add(RAW, DataTypes.StringType)
      .add(STATUS, DataTypes.StringType);

  /** How {@code events/} and {@code quarantine/} store rows: every ingested column but the status. */
  public static final StructType STORED = new StructType(Arrays.stream(INGESTED.fields())
      .filter(f -> !f.name().equals(STATUS)).toArray(StructField[]::new));

  /** The columns of {@code quarantine.csv}. */
  public static final List<String> QUARANTINE_CSV = List.of(SOURCE, FILE, LINE, REASON, RAW);

  /** The columns of {@code unattributed.csv} (and {@code unattributed/}): raw records given to no customer. */
  public static final List<String> UNATTRIBUTED_CSV = List.of(SOURCE, FILE, LINE, REASON);

  /** The journeys table, {@code journeys/}: one row per journey. */
  public static final StructType JOURNEY = new StructType()
      .add(CUSTOMER_ID, DataTypes.StringType, false)
      .add(JOURNEY_INDEX, DataTypes.IntegerType, false)
      .add(CASE_ID, DataTypes.StringType)
      .add(START, DataTypes.TimestampType, false)
      .add(END, DataTypes.TimestampType, false)
      .add(EVENTS, DataTypes.IntegerType, false)
      .add(DURATION_SECONDS, DataTypes.DoubleType, false)
      .add(FATE, DataTypes.StringType, false)
      .add(TOUCHPOINTS, DataTypes.createArrayType(DataTypes.StringType, false), false);

  /**
   * The journeys of a run by {@code rules}: {@link #JOURNEY}, then {@link #STAGE} when it has stages,
   * {@link #ATTRIBUTES} when it keeps attributes, {@link #SEGMENT} when it has segments.
   */
  public static StructType journey(dev.journeys.model.journey.JourneyRules rules) {
    StructType schema = rules.stages() == null ? JOURNEY : JOURNEY.add(STAGE, DataTypes.StringType, false);
    if (rules.keepsAttributes()) {
      schema = schema.add(ATTRIBUTES, ATTRIBUTES_TYPE);
    }
    return rules.segmentBy() == null ? schema : schema.add(SEGMENT, DataTypes.StringType, false);
  }

  /** The variants table, {@code variants/} and {@code variants.csv}: one row per touchpoint sequence, in rank order. */
  public static final StructType VARIANT = new StructType()
      .add(RANK, DataTypes.IntegerType)
      .add(JOURNEYS, DataTypes.LongType)
      .add(SHARE, DataTypes.DoubleType)
      .add(CUMULATIVE_SHARE, DataTypes.DoubleType)
      .add(CONVERTED_SHARE, DataTypes.DoubleType)
      .add(DROPPED_SHARE, DataTypes.DoubleType)
      .add(MEDIAN_DURATION_SECONDS, DataTypes.DoubleType)
      .add(TOUCHPOINTS, DataTypes.StringType)
      .add(EVENTS, DataTypes.IntegerType);

  private OutputSchema() {}
}
