package dev.journeys.jobs.io;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Column names and schema of the journeys table ({@code journeys/}). */
public final class JourneyColumns {

  public static final String CUSTOMER_ID = "customer_id";
  public static final String JOURNEY_INDEX = "journey_index";
  public static final String CASE_ID = "case_id";
  public static final String START = "start";
  public static final String END = "end";
  public static final String EVENTS = "events";
  public static final String DURATION_SECONDS = "duration_seconds";
  public static final String FATE = "fate";
  public static final String TOUCHPOINTS = "touchpoints";

  public static final StructType SCHEMA = new StructType()
      .add(CUSTOMER_ID, DataTypes.StringType, false)
      .add(JOURNEY_INDEX, DataTypes.IntegerType, false)
      .add(CASE_ID, DataTypes.StringType)
      .add(START, DataTypes.TimestampType, false)
      .add(END, DataTypes.TimestampType, false)
      .add(EVENTS, DataTypes.IntegerType, false)
      .add(DURATION_SECONDS, DataTypes.DoubleType, false)
      .add(FATE, DataTypes.StringType, false)
      .add(TOUCHPOINTS, DataTypes.createArrayType(DataTypes.StringType, false), false);

  private JourneyColumns() {}
}
