package dev.journeys.jobs.engine.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Opens the Spark session: the master spark-submit gives, else {@code local[*]}; UTC; Parquet timestamps as micros. */
public final class Sparks {

  private Sparks() {}

  public static SparkSession session(String appName) {
    SparkConf conf = new SparkConf().setAppName(appName);
    if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
      conf.setIfMissing("spark.ui.enabled", "false");
    }
    return SparkSession.builder().config(configure(conf)).getOrCreate();
  }

  /** The settings every journeys session needs, whoever creates it. */
  public static SparkConf configure(SparkConf conf) {
    return conf
        .setIfMissing("spark.sql.session.timeZone", "UTC")
        .setIfMissing("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
        .setIfMissing("spark.sql.datetime.java8API.enabled", "true")
        .setIfMissing("spark.ui.showConsoleProgress", "false")
        .setIfMissing("spark.sql.sources.partitionColumnTypeInference.enabled", "false");
  }
}
