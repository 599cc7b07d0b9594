package dev.journeys.jobs.engine.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.journeys.jobs.ingest.InputException;
import dev.journeys.jobs.ingest.InputFile;
import dev.journeys.jobs.ingest.ReadOptions;
import dev.journeys.jobs.io.EventIds;
import dev.journeys.jobs.io.OutputSchema;
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
   * A Parquet input in the unified schema as rows of {@link OutputSchema#INGESTED}: rows without customer,
   * time or touchpoint have a reason and the status {@code bad}.
   */
  static Dataset<Row> read(SparkSession spark, InputFile input) {
    Instant now = Instant.now();
    Dataset<Row> df = spark.read().parquet(input.path());
    List<String> columns = List.of(df.columns());
    List<String> missing = new ArrayList<>();
    for (String required : List.of(OutputSchema.CUSTOMER_ID, OutputSchema.TS, OutputSchema.TOUCHPOINT)) {
      if (!columns.contains(required)) {
        missing.add(required);
      }
    }
    if (!missing.isEmpty()) {
      throw new InputException("Cannot read " + input.path() + ": column(s) " + String.join(", ", missing)
          + " not found; the unified event schema needs customer_id, ts and touchpoint; the file has: "
          + String.join(", ", columns));
    }
    Column channel = columns.contains(OutputSchema.CHANNEL) ? col(OutputSchema.CHANNEL)
        : org.apache.spark.sql.functions.when(col(OutputSchema.TOUCHPOINT).contains(":"),
            org.apache.spark.sql.functions.substring_index(col(OutputSchema.TOUCHPOINT), ":", 1));
    Column seq = columns.contains(OutputSchema.SEQ) ? col(OutputSchema.SEQ)
        : org.apache.spark.sql.functions.monotonically_increasing_id();
    Column reason = org.apache.spark.sql.functions
        .when(col(OutputSchema.CUSTOMER_ID).isNull().or(org.apache.spark.sql.functions.trim(col(OutputSchema.CUSTOMER_ID)).equalTo("")),
            lit("empty customer_id"))
        .when(col(OutputSchema.TS).isNull(), lit("empty ts"))
        .when(col(OutputSchema.TOUCHPOINT).isNull().or(org.apache.spark.sql.functions.trim(col(OutputSchema.TOUCHPOINT)).equalTo("")),
            lit("empty touchpoint"))
        .when(col(OutputSchema.TS).cast("timestamp").gt(lit(java.sql.Timestamp.from(now))),
            org.apache.spark.sql.functions.concat(lit("in the future: "),
                org.apache.spark.sql.functions.date_format(col(OutputSchema.TS).cast("timestamp"),
                    "yyyy-MM-dd'T'HH:mm:ss"), lit(" is after the run started (" + now + ")")));
    Dataset<Row> withSeq = df.withColumn("_seq", seq).withColumn("_channel", channel);
    return withSeq.select(
        optional(columns, OutputSchema.EVENT_ID, EventIds.ofParquet(input.source(), col("_seq"))),
        col(OutputSchema.CUSTOMER_ID).cast("string").as(OutputSchema.CUSTOMER_ID),
        optional(columns, OutputSchema.CASE_ID, lit(null).cast("string")),
        col(OutputSchema.TS).cast("timestamp").as(OutputSchema.TS),
        col(OutputSchema.TOUCHPOINT).cast("string").as(OutputSchema.TOUCHPOINT),
        col("_channel").cast("string").as(OutputSchema.CHANNEL),
        optional(columns, OutputSchema.OWNER, lit(null).cast("string")),
        optional(columns, OutputSchema.SOURCE, lit(input.source())),
        lit(input.sourceOrder()).as(OutputSchema.SOURCE_ORDER),
        col("_seq").cast("long").as(OutputSchema.SEQ),
        optional(columns, OutputSchema.ASSISTED, col("_channel").isin(ReadOptions.ASSISTED_CHANNELS_DEFAULT.stream().sorted().toArray())),
        attributes(input, df),
        lit(input.path()).as(OutputSchema.FILE),
        col("_seq").cast("long").as(OutputSchema.LINE),
        reason.as(OutputSchema.REASON),
        org.apache.spark.sql.functions.when(reason.isNotNull(),
            org.apache.spark.sql.functions.to_json(org.apache.spark.sql.functions.struct(col(OutputSchema.CUSTOMER_ID),
                col(OutputSchema.TS), col(OutputSchema.TOUCHPOINT)))).as(OutputSchema.RAW),
        org.apache.spark.sql.functions.when(reason.isNull(), lit("ok")).otherwise(lit("bad")).as(OutputSchema.STATUS));
  }

  /**
   * The events' attributes: the input's own {@code attributes} map column when it has one, with the columns
   * {@code --attribute-column} names (as strings) put in, over any of the same name (a name the file has no column of
   * is looked for in its map); values that are null or blank are left out, and an event left with none has null.
   */
  private static Column attributes(InputFile input, Dataset<Row> df) {
    List<String> columns = List.of(df.columns());
    boolean own = columns.contains(OutputSchema.ATTRIBUTES)
        && df.schema().apply(OutputSchema.ATTRIBUTES).dataType() instanceof org.apache.spark.sql.types.MapType;
    List<String> missing = input.read().attributeColumns().stream().filter(n -> !columns.contains(n)).toList();
    if (!missing.isEmpty() && !own) {
      throw new InputException("Cannot read " + input.path() + ": attribute column(s) " + String.join(", ", missing)
          + " not found, and it has no attributes map column; the file has: " + String.join(", ", columns));
    }
    // A name without a column of its own may be a key of the file's attributes map.
    List<String> names = input.read().attributeColumns().stream().filter(columns::contains).toList();
    Column map = null;
    if (own) {
      map = col(OutputSchema.ATTRIBUTES).cast(OutputSchema.ATTRIBUTES_TYPE);
      if (!names.isEmpty()) {
        map = org.apache.spark.sql.functions.map_filter(map, (k, v) -> org.apache.spark.sql.functions.not(
            k.isin(names.toArray())));
      }
    }
    if (!names.isEmpty()) {
      List<Column> pairs = new ArrayList<>();
      for (String name : names) {
        pairs.add(lit(name));
        pairs.add(org.apache.spark.sql.functions.trim(col(name).cast("string")));
      }
      Column named = org.apache.spark.sql.functions.map(pairs.toArray(Column[]::new));
      map = map == null ? named : org.apache.spark.sql.functions.map_concat(map, named);
    }
    if (map == null) {
      return lit(null).cast(OutputSchema.ATTRIBUTES_TYPE).as(OutputSchema.ATTRIBUTES);
    }
    Column kept = org.apache.spark.sql.functions.map_filter(map, (k, v) -> v.isNotNull().and(v.notEqual(lit(""))));
    return org.apache.spark.sql.functions.when(org.apache.spark.sql.functions.size(kept).gt(0), kept)
        .as(OutputSchema.ATTRIBUTES);
  }

  private static Column optional(List<String> columns, String name, Column otherwise) {
    Column c = columns.contains(name) ? col(name) : otherwise;
    return c.cast(OutputSchema.EVENT.apply(name).dataType()).as(name);
  }

  /** Appends the bad rows of {@code checked} (see {@link #read}) to {@code quarantine/}. */
  static void writeQuarantined(Dataset<Row> checked, String outDir) {
    checked.filter(col(OutputSchema.STATUS).equalTo("bad")).drop(OutputSchema.STATUS)
        .write().mode("append").parquet(outDir + "/quarantine");
  }
}
