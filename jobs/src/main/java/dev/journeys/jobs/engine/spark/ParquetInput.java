package dev.journeys.jobs.engine.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.journeys.jobs.ingest.InputException;
import dev.journeys.jobs.ingest.InputFile;
import dev.journeys.jobs.ingest.ReadOptions;
import dev.journeys.jobs.io.EventColumns;
import dev.journeys.jobs.io.EventIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A Parquet input in the unified event schema, checked where it lies: its rows with a status, and the reason of
 * those that cannot be analysed. Its event ids are {@code source:seq}, {@code seq} being the row's own column or,
 * without one, Spark's monotonically increasing id.
 */
final class ParquetInput {

  private ParquetInput() {}

  /**
   * A Parquet input in the unified schema as rows of {@link EventColumns#INGESTED}: rows without customer,
   * time or touchpoint have a reason and the status {@code bad}.
   */
  static Dataset<Row> read(SparkSession spark, InputFile input) {
    Instant now = Instant.now();
    Dataset<Row> df = spark.read().parquet(input.path());
    List<String> columns = List.of(df.columns());
    List<String> missing = new ArrayList<>();
    for (String required : List.of(EventColumns.CUSTOMER_ID, EventColumns.TS, EventColumns.TOUCHPOINT)) {
      if (!columns.contains(required)) {
        missing.add(required);
      }
    }
    if (!missing.isEmpty()) {
      throw new InputException("Cannot read " + input.path() + ": column(s) " + String.join(", ", missing)
          + " not found; the unified event schema needs customer_id, ts and touchpoint; the file has: "
          + String.join(", ", columns));
    }
    Column channel = columns.contains(EventColumns.CHANNEL) ? col(EventColumns.CHANNEL)
        : org.apache.spark.sql.functions.when(col(EventColumns.TOUCHPOINT).contains(":"),
            org.apache.spark.sql.functions.substring_index(col(EventColumns.TOUCHPOINT), ":", 1));
    Column seq = columns.contains(EventColumns.SEQ) ? col(EventColumns.SEQ)
        : org.apache.spark.sql.functions.monotonically_increasing_id();
    Column reason = org.apache.spark.sql.functions
        .when(col(EventColumns.CUSTOMER_ID).isNull().or(org.apache.spark.sql.functions.trim(col(EventColumns.CUSTOMER_ID)).equalTo("")),
            lit("empty customer_id"))
        .when(col(EventColumns.TS).isNull(), lit("empty ts"))
        .when(col(EventColumns.TOUCHPOINT).isNull().or(org.apache.spark.sql.functions.trim(col(EventColumns.TOUCHPOINT)).equalTo("")),
            lit("empty touchpoint"))
        .when(col(EventColumns.TS).cast("timestamp").gt(lit(java.sql.Timestamp.from(now))),
            org.apache.spark.sql.functions.concat(lit("in the future: "),
                org.apache.spark.sql.functions.date_format(col(EventColumns.TS).cast("timestamp"),
                    "yyyy-MM-dd'T'HH:mm:ss"), lit(" is after the run started (" + now + ")")));
    Dataset<Row> withSeq = df.withColumn("_seq", seq).withColumn("_channel", channel);
    return withSeq.select(
        optional(columns, EventColumns.EVENT_ID, EventIds.ofParquet(input.source(), col("_seq"))),
        col(EventColumns.CUSTOMER_ID).cast("string").as(EventColumns.CUSTOMER_ID),
        optional(columns, EventColumns.CASE_ID, lit(null).cast("string")),
        col(EventColumns.TS).cast("timestamp").as(EventColumns.TS),
        col(EventColumns.TOUCHPOINT).cast("string").as(EventColumns.TOUCHPOINT),
        col("_channel").cast("string").as(EventColumns.CHANNEL),
        optional(columns, EventColumns.OWNER, lit(null).cast("string")),
        optional(columns, EventColumns.SOURCE, lit(input.source())),
        lit(input.sourceOrder()).as(EventColumns.SOURCE_ORDER),
        col("_seq").cast("long").as(EventColumns.SEQ),
        optional(columns, EventColumns.ASSISTED, col("_channel").isin(ReadOptions.ASSISTED_CHANNELS_DEFAULT.stream().sorted().toArray())),
        lit(input.path()).as(EventColumns.FILE),
        col("_seq").cast("long").as(EventColumns.LINE),
        reason.as(EventColumns.REASON),
        org.apache.spark.sql.functions.when(reason.isNotNull(),
            org.apache.spark.sql.functions.to_json(org.apache.spark.sql.functions.struct(col(EventColumns.CUSTOMER_ID),
                col(EventColumns.TS), col(EventColumns.TOUCHPOINT)))).as(EventColumns.RAW),
        org.apache.spark.sql.functions.when(reason.isNull(), lit("ok")).otherwise(lit("bad")).as(EventColumns.STATUS));
  }

  private static Column optional(List<String> columns, String name, Column otherwise) {
    Column c = columns.contains(name) ? col(name) : otherwise;
    return c.cast(EventColumns.EVENT.apply(name).dataType()).as(name);
  }

  /** Appends the bad rows of {@code checked} (see {@link #read}) to {@code quarantine/}. */
  static void writeQuarantined(Dataset<Row> checked, String outDir) {
    checked.filter(col(EventColumns.STATUS).equalTo("bad")).drop(EventColumns.STATUS)
        .write().mode("append").parquet(outDir + "/quarantine");
  }
}
