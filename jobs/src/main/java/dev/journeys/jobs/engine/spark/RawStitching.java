package dev.journeys.jobs.engine.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.row_number;

import dev.journeys.jobs.ingest.Pseudonymiser;
import dev.journeys.jobs.io.EventIds;
import dev.journeys.jobs.io.OutputSchema;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * The customers of raw exports' records: exact duplicates counted once (same source and record id, or the same
 * content), customers stitched from the identity keys seen together ({@link IdentityStitching}), and each event
 * given its customer, the component's representative key, pseudonymised unless the run says not to; with the
 * stitching report.
 */
final class RawStitching {

  private RawStitching() {}

  /** Key kinds that name a device or a session rather than a person. */
  static final java.util.Set<String> ANONYMOUS_KINDS = java.util.Set.of("anon", "visitor", "cookie", "client", "device");

  /** The stitching of mapped records, and the stitched events in the unified schema. */
  record Stitched(Dataset<Row> events, IdentityStitching.Result stitching, long records, long duplicates,
      Dataset<Row> unique) {}

  /**
   * The stitching report: per source, events and those whose customer has a key naming a person (not
   * only a device or session); how many customers have how many keys; the components split for size.
   */
  static Map<String, Object> report(Stitched stitched, Pseudonymiser pseudonymiser) {
    Dataset<Row> customers = stitched.stitching().customers();
    Dataset<Row> known = customers
        .withColumn("person", org.apache.spark.sql.functions.when(org.apache.spark.sql.functions
            .substring_index(col(IdentityStitching.KEY), ":", 1).isin(ANONYMOUS_KINDS.toArray()), 0).otherwise(1))
        .groupBy(IdentityStitching.CUSTOMER).agg(org.apache.spark.sql.functions.max("person").as("person"),
            org.apache.spark.sql.functions.count(lit(1)).as("keys"))
        .localCheckpoint();
    Map<String, Object> report = new java.util.LinkedHashMap<>();
    List<Map<String, Object>> sources = new java.util.ArrayList<>();
    for (Row r : stitched.unique().filter(col("links_only").equalTo(false))
        .join(stitched.stitching().records(), "record_id").join(known, IdentityStitching.CUSTOMER)
        .groupBy(OutputSchema.SOURCE).agg(org.apache.spark.sql.functions.count(lit(1)),
            org.apache.spark.sql.functions.sum("person"))
        .orderBy(OutputSchema.SOURCE).collectAsList()) {
      long events = r.getLong(1);
      long person = r.isNullAt(2) ? 0 : r.getLong(2);
      sources.add(ordered("source", r.getString(0), "events", events, "events_of_known_customers", person,
          "known_share", events == 0 ? 0.0 : (double) person / events));
    }
    report.put("sources", sources);
    Map<String, Long> sizes = new java.util.LinkedHashMap<>();
    for (Row r : known.withColumn("size", org.apache.spark.sql.functions
            .when(col("keys").leq(1), "1").when(col("keys").leq(2), "2").when(col("keys").leq(5), "3-5")
            .when(col("keys").leq(10), "6-10").when(col("keys").leq(50), "11-50").otherwise("over 50"))
        .groupBy("size").count().collectAsList()) {
      sizes.put(r.getString(0), r.getLong(1));
    }
    Map<String, Long> ordered = new java.util.LinkedHashMap<>();
    for (String bucket : List.of("1", "2", "3-5", "6-10", "11-50", "over 50")) {
      ordered.put(bucket, sizes.getOrDefault(bucket, 0L));
    }
    report.put("identity_components", known.count());
    report.put("customers_by_number_of_keys", ordered);
    report.put("customers_known_only_by_a_device_or_session", known.filter(col("person").equalTo(0)).count());
    List<Map<String, Object>> suspects = new java.util.ArrayList<>();
    for (Row r : stitched.stitching().oversized().orderBy(col("keys").desc()).limit(100).collectAsList()) {
      String representative = r.getString(0);
      suspects.add(ordered("component", pseudonymiser == null ? representative
          : pseudonymiser.pseudonym(representative), "keys", r.getLong(1), "split_back_into_its_keys", true));
    }
    report.put("oversized_components", suspects);
    List<Map<String, Object>> hubs = new java.util.ArrayList<>();
    for (Row r : stitched.stitching().hubKeys().orderBy(col("neighbours").desc()).limit(100).collectAsList()) {
      String key = r.getString(0);
      String kind = key.substring(0, Math.max(0, key.indexOf(':')));
      hubs.add(ordered("kind", kind, "key", pseudonymiser == null ? key : pseudonymiser.pseudonym(key),
          "linked_keys", r.getLong(1), "used_for_stitching", false));
    }
    report.put("shared_keys", hubs);
    return report;
  }

  /** A map that keeps its keys in the order given, so that the report's JSON is the same bytes every run. */
  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  static Stitched stitch(Dataset<Row> mapped, int maxKeys, Pseudonymiser pseudonymiser) {
    // Exact duplicates (the same record read twice) count once: by record id, else by content.
    Dataset<Row> keyed = mapped.withColumn("dedup", org.apache.spark.sql.functions.coalesce(col("dedup_key"),
        org.apache.spark.sql.functions.sha2(org.apache.spark.sql.functions.to_json(org.apache.spark.sql.functions.struct(
            col(OutputSchema.SOURCE), col(OutputSchema.TS), col(OutputSchema.TOUCHPOINT), col("identity_keys"),
            col("links_only"))), 256)));
    Dataset<Row> unique = keyed
        .withColumn("copy", row_number().over(Window.partitionBy("dedup")
            .orderBy(col(OutputSchema.SOURCE_ORDER), col(OutputSchema.SEQ))))
        .filter(col("copy").equalTo(1)).drop("copy", "dedup").localCheckpoint();
    long records = mapped.count();
    long duplicates = records - unique.count();

    Dataset<Row> links = unique.select(col("record_id"), posexplode(col("identity_keys")))
        .select(col("record_id"), col("col").as(IdentityStitching.KEY), col("pos").as(IdentityStitching.RANK));
    IdentityStitching.Result stitching = IdentityStitching.stitch(links, maxKeys);

    UDF1<String, String> pseudonym = pseudonymiser == null ? value -> value : pseudonymiser::pseudonym;
    mapped.sparkSession().udf().register("journeys_pseudonym", pseudonym, DataTypes.StringType);
    Dataset<Row> events = unique.filter(col("links_only").equalTo(false))
        .join(stitching.records(), "record_id")
        .select(
            EventIds.ofRawExport(col(OutputSchema.SOURCE), col(OutputSchema.SEQ), col(OutputSchema.SOURCE_ORDER))
                .as(OutputSchema.EVENT_ID),
            org.apache.spark.sql.functions.callUDF("journeys_pseudonym", col(IdentityStitching.CUSTOMER))
                .as(OutputSchema.CUSTOMER_ID),
            lit(null).cast("string").as(OutputSchema.CASE_ID),
            col(OutputSchema.TS), col(OutputSchema.TOUCHPOINT), col(OutputSchema.CHANNEL), col(OutputSchema.OWNER),
            col(OutputSchema.SOURCE), col(OutputSchema.SOURCE_ORDER), col(OutputSchema.SEQ), col(OutputSchema.ASSISTED));
    return new Stitched(events, stitching, records, duplicates, unique);
  }
}
