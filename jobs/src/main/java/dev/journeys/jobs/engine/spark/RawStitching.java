package dev.journeys.jobs.engine.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.when;

import dev.journeys.jobs.ingest.Identities;
import dev.journeys.jobs.ingest.Pseudonymiser;
import dev.journeys.jobs.io.EventIds;
import dev.journeys.jobs.io.OutputSchema;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * The customers of raw exports' records: duplicates dropped (the same source and record id, or the same record text),
 * customers stitched from the identity keys seen together ({@link IdentityStitching}), chains of contact legs that
 * reach no customer key set apart, and each event given its customer, the component's representative key,
 * pseudonymised unless the run says not to; with the stitching report.
 */
final class RawStitching {

  private RawStitching() {}

  /** Key kinds that name a device or a session rather than a person. */
  static final java.util.Set<String> ANONYMOUS_KINDS = java.util.Set.of("anon", "visitor", "cookie", "client", "device");

  /** The stitching of mapped records, and the stitched events in the unified schema. */
  /**
   * @param records     records read with at least one key (events, identity links and their duplicates)
   * @param duplicates  records dropped as copies of one read before, per source
   * @param unique      the records without their copies
   * @param chainOnly   records whose only keys chain contacts that reach no customer: {@code source,
   *                    source_order, file, line, reason}
   * @param attributed  the events' records with their customers (before pseudonymisation)
   */
  record Stitched(Dataset<Row> events, IdentityStitching.Result stitching, long records, Map<String, Long> duplicates,
      Dataset<Row> unique, Dataset<Row> chainOnly, Dataset<Row> attributed) {

    long duplicatesDropped() {
      return duplicates.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * The stitching report: per source, events and those whose customer has a key naming a person (not
   * only a device or session); how many customers have how many keys; the components split for size.
   */
  static Map<String, Object> report(Stitched stitched, Pseudonymiser pseudonymiser,
      Map<String, Long> unreadablePhones, Map<String, Long> unattributed) {
    Dataset<Row> customers = stitched.stitching().customers();
    Dataset<Row> known = customers
        .withColumn("person", org.apache.spark.sql.functions.when(org.apache.spark.sql.functions
            .substring_index(col(IdentityStitching.KEY), ":", 1).isin(ANONYMOUS_KINDS.toArray()), 0).otherwise(1))
        .groupBy(IdentityStitching.CUSTOMER).agg(org.apache.spark.sql.functions.max("person").as("person"),
            org.apache.spark.sql.functions.count(lit(1)).as("keys"))
        .localCheckpoint();
    Map<String, Object> report = new java.util.LinkedHashMap<>();
    Map<String, long[]> bySource = new java.util.TreeMap<>();
    for (Row r : stitched.attributed().join(known, IdentityStitching.CUSTOMER)
        .groupBy(OutputSchema.SOURCE).agg(org.apache.spark.sql.functions.count(lit(1)),
            org.apache.spark.sql.functions.sum("person"))
        .collectAsList()) {
      bySource.put(r.getString(0), new long[] {r.getLong(1), r.isNullAt(2) ? 0 : r.getLong(2)});
    }
    for (Row r : stitched.unique().groupBy(OutputSchema.SOURCE).count().collectAsList()) {
      bySource.putIfAbsent(r.getString(0), new long[2]);
    }
    java.util.stream.Stream.of(stitched.duplicates(), unreadablePhones, unattributed)
        .forEach(m -> m.keySet().forEach(source -> bySource.putIfAbsent(source, new long[2])));
    List<Map<String, Object>> sources = new java.util.ArrayList<>();
    bySource.forEach((source, counts) -> sources.add(ordered("source", source, "events", counts[0],
        "events_of_known_customers", counts[1], "known_share", counts[0] == 0 ? null : (double) counts[1] / counts[0],
        "duplicates_dropped", stitched.duplicates().getOrDefault(source, 0L),
        "unattributed_records", unattributed.getOrDefault(source, 0L),
        "unreadable_phone_numbers", unreadablePhones.getOrDefault(source, 0L))));
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

  /**
   * Stitches the mapped records' customers. Records read twice count once (the same source and record id, or the
   * same text). A component whose keys are all of {@code chainKinds} (the legs of a contact without any customer
   * key) is no customer: its records come back as {@link Stitched#chainOnly}. With {@code chainsAsOne}, the later
   * legs of a chain are part of its first leg's contact: they are kept as events, not as contacts of their own.
   */
  static Stitched stitch(Dataset<Row> mapped, Identities identities, java.util.Set<String> chainKinds) {
    // Exact duplicates (the same record read twice) count once: the first read is kept. Found on a narrow projection
    // (the records' own columns are shuffled once, later, by customer), sorted by the key's hash before the key: the
    // keys' first 8 bytes, which a sort compares first, are all their source's name.
    Dataset<Row> copies = mapped.select(col("record_id"), col("dedup_key"), col(OutputSchema.SOURCE),
            col(OutputSchema.SOURCE_ORDER), col(OutputSchema.SEQ))
        .withColumn("copy", row_number().over(Window.partitionBy(
            org.apache.spark.sql.functions.xxhash64(col("dedup_key")), col("dedup_key"))
            .orderBy(col(OutputSchema.SOURCE_ORDER), col(OutputSchema.SEQ))))
        .where(col("copy").gt(1)).select(col("record_id"), col(OutputSchema.SOURCE)).localCheckpoint();
    Dataset<Row> unique = mapped.join(copies.select(col("record_id")), "record_id", "left_anti");
    Map<String, Long> duplicates = new java.util.TreeMap<>();
    for (Row r : copies.groupBy(OutputSchema.SOURCE).count().collectAsList()) {
      duplicates.put(r.getString(0), r.getLong(1));
    }
    long records = mapped.count();

    IdentityStitching.Result stitching = IdentityStitching.stitchRecords(unique, identities.maxKeys(), chainKinds);

    // Each record with its customer, once; a customer of chain keys alone is none.
    Dataset<Row> joined = stitching.withCustomers(unique).localCheckpoint();
    Dataset<Row> chainOnly = joined.filter(col(IdentityStitching.NAMED).equalTo(false))
        .select(col(OutputSchema.SOURCE), col(OutputSchema.SOURCE_ORDER), col(OutputSchema.FILE),
            col(OutputSchema.LINE), lit(CHAIN_ONLY).as(OutputSchema.REASON));
    Dataset<Row> attributed = joined.filter(col(IdentityStitching.NAMED).and(col("links_only").equalTo(false)));
    UDF1<String, String> pseudonym = identities.pseudonymiser() == null ? value -> value
        : identities.pseudonymiser()::pseudonym;
    mapped.sparkSession().udf().register("journeys_pseudonym", pseudonym, DataTypes.StringType);
    Column assisted = col(OutputSchema.ASSISTED);
    if (identities.chainsAsOne() && !chainKinds.isEmpty()) {
      // A chain's first leg (by time, then input order) is the contact; its later legs belong to it.
      Column chainKey = org.apache.spark.sql.functions.get(org.apache.spark.sql.functions.filter(col("identity_keys"),
          k -> substring_index(k, ":", 1).isin(chainKinds.toArray())), lit(0));
      // Records outside any chain are each a window of their own, so that they do not crowd into one task.
      attributed = attributed.withColumn("chain", chainKey).withColumn("leg", row_number().over(
          Window.partitionBy(org.apache.spark.sql.functions.coalesce(col("chain"), col("record_id"))).orderBy(col(OutputSchema.TS), col(OutputSchema.SOURCE_ORDER),
              col(OutputSchema.SEQ))));
      assisted = when(col("chain").isNotNull().and(col("leg").gt(1)), lit(false)).otherwise(assisted);
    }
    Dataset<Row> events = attributed.select(
        EventIds.ofRawExport(col(OutputSchema.SOURCE), col(OutputSchema.SEQ), col(OutputSchema.SOURCE_ORDER))
            .as(OutputSchema.EVENT_ID),
        org.apache.spark.sql.functions.callUDF("journeys_pseudonym", col(IdentityStitching.CUSTOMER))
            .as(OutputSchema.CUSTOMER_ID),
        lit(null).cast("string").as(OutputSchema.CASE_ID),
        col(OutputSchema.TS), col(OutputSchema.TOUCHPOINT), col(OutputSchema.CHANNEL), col(OutputSchema.OWNER),
        col(OutputSchema.SOURCE), col(OutputSchema.SOURCE_ORDER), col(OutputSchema.SEQ), assisted.as(OutputSchema.ASSISTED),
        col(OutputSchema.ATTRIBUTES));
    return new Stitched(events, stitching, records, duplicates, unique, chainOnly, attributed);
  }

  /** Why the records of a contact chain without any customer key have no customer. */
  static final String CHAIN_ONLY = "only a contact-chain key, and no record of its chain holds a customer key";
}
