package dev.journeys.jobs.engine.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Identity stitching finds customers as the connected components of identity keys seen together in one
 * record (a login carrying a cookie and a user id, a CRM contact with its phone and e-mail). It runs in
 * Spark by minimum-label propagation with pointer jumping, never collecting keys on the driver; each
 * component's representative is its smallest key, so the result does not depend on the order of the
 * input. A component of more than {@code maxKeys} keys (a shared device, a switchboard number) is split
 * back into its keys and reported.
 *
 * <p>Input: rows of {@code record_id, key, rank}; a record's customer is the component of its key with the
 * lowest rank (the most trusted kind of key), which matters only where a component was split. Keys of a chain kind
 * (the legs of one contact) link, but a component of chain keys alone names no customer: its records are not
 * {@code named}.
 */
public final class IdentityStitching {

  public static final String RECORD_ID = "record_id";
  public static final String KEY = "key";
  public static final String RANK = "rank";
  public static final String CUSTOMER = "customer";
  public static final String NAMED = "named";
  public static final int MAX_ROUNDS = 64;
  private static final Logger LOG = LoggerFactory.getLogger(IdentityStitching.class);

  private IdentityStitching() {}

  /**
   * @param customers  one row per key: {@code key, customer, named}
   * @param records    one row per record: {@code record_id, customer, named} ({@code named}: its customer has a key
   *                   that is no chain key)
   * @param oversized  one row per split component: {@code customer} (its representative) and {@code keys}
   * @param hubKeys    one row per key that linked too many others: {@code key} and {@code neighbours}
   * @param rounds     propagation rounds until nothing changed
   */
  public record Result(Dataset<Row> customers, Dataset<Row> records, Dataset<Row> oversized, Dataset<Row> hubKeys,
      int rounds) {}

  public static Result stitch(Dataset<Row> links, int maxKeys) {
    return stitch(links, maxKeys, java.util.Set.of());
  }

  /** Stitches {@code links}, keys of {@code chainKinds} (the part of a key before ':') naming no customer alone. */
  public static Result stitch(Dataset<Row> links, int maxKeys, java.util.Set<String> chainKinds) {
    org.apache.spark.sql.Column naming = chainKinds.isEmpty() ? lit(true)
        : org.apache.spark.sql.functions.not(org.apache.spark.sql.functions.substring_index(col("node"), ":", 1)
            .isin(chainKinds.toArray()));
    Dataset<Row> keys = links.select(col(KEY)).distinct();
    // Keys seen with too many other keys are hubs: they stay keys of their own records, but link nothing.
    Dataset<Row> pairs = links.as("x").join(links.as("y"), col("x." + RECORD_ID).equalTo(col("y." + RECORD_ID)))
        .filter(col("x." + KEY).notEqual(col("y." + KEY)))
        .select(col("x." + KEY).as(KEY), col("y." + KEY).as("other")).distinct();
    Dataset<Row> hubKeys = pairs.groupBy(KEY).agg(count(lit(1)).as("neighbours"))
        .filter(col("neighbours").gt(maxKeys)).localCheckpoint();
    Dataset<Row> linking = links.join(hubKeys, links.col(KEY).equalTo(hubKeys.col(KEY)), "left_anti");
    // A star around each record's smallest key connects all its keys.
    Dataset<Row> hubs = linking.groupBy(col(RECORD_ID)).agg(min(col(KEY)).as("hub"));
    Dataset<Row> oneWay = linking.join(hubs, RECORD_ID).filter(col(KEY).notEqual(col("hub")))
        .select(col(KEY).as("a"), col("hub").as("b"));
    Dataset<Row> edges = oneWay.union(oneWay.select(col("b").as("a"), col("a").as("b"))).distinct().localCheckpoint();

    Dataset<Row> labels = keys.select(col(KEY).as("node"), col(KEY).as("label")).localCheckpoint();
    int rounds = 0;
    while (rounds < MAX_ROUNDS) {
      rounds++;
      // Each node keeps its old label beside the new one, so that what changed is counted on the checkpoint
      // itself, without joining the old labels again.
      Dataset<Row> fromNeighbours = edges.join(labels, edges.col("b").equalTo(labels.col("node")))
          .select(edges.col("a").as("node"), labels.col("label"), lit(null).cast("string").as("old"));
      Dataset<Row> propagated = labels.select(col("node"), col("label"), col("label").as("old")).union(fromNeighbours)
          .groupBy("node").agg(min("label").as("label"), min("old").as("old"));
      Dataset<Row> pointed = propagated.as("p").join(propagated.as("q"), col("p.label").equalTo(col("q.node")))
          .select(col("p.node").as("node"), least(col("p.label"), col("q.label")).as("label"), col("p.old").as("old"))
          .localCheckpoint();
      long changed = pointed.filter(col("label").notEqual(col("old"))).count();
      labels = pointed.select(col("node"), col("label"));
      if (changed == 0) {
        break;
      }
    }
    if (rounds == MAX_ROUNDS) {
      LOG.warn("Identity stitching stopped after {} rounds before it converged", MAX_ROUNDS);
    }

    labels = labels.withColumn("naming", naming);
    Dataset<Row> sizes = labels.groupBy("label").agg(count(lit(1)).as("keys"),
        org.apache.spark.sql.functions.max(col("naming")).as("any_naming"));
    Dataset<Row> oversized = sizes.filter(col("keys").gt(maxKeys)).select(col("label").as(CUSTOMER), col("keys"));
    // A split component's keys are customers of their own: each names one when it is no chain key.
    Dataset<Row> customers = labels.join(sizes, "label")
        .select(col("node").as(KEY), when(col("keys").gt(maxKeys), col("node")).otherwise(col("label")).as(CUSTOMER),
            when(col("keys").gt(maxKeys), col("naming")).otherwise(col("any_naming")).as(NAMED))
        .localCheckpoint();
    // A record's customer comes from its linking keys; a record with only shared keys is a customer of its own.
    Dataset<Row> ranked = linking.join(customers, KEY)
        .groupBy(col(RECORD_ID))
        .agg(min(org.apache.spark.sql.functions.struct(col(RANK), col(CUSTOMER), col(NAMED))).as("best"))
        .select(col(RECORD_ID), col("best." + CUSTOMER).as(CUSTOMER), col("best." + NAMED).as(NAMED));
    Dataset<Row> alone = links.select(RECORD_ID).distinct().join(ranked, RECORD_ID, "left_anti")
        .select(col(RECORD_ID), org.apache.spark.sql.functions.concat(lit("record:"), col(RECORD_ID)).as(CUSTOMER),
            lit(true).as(NAMED));
    // Checkpointed: the events and every query of the stitching report join it; computed once, not each time.
    ranked = ranked.union(alone).localCheckpoint();
    return new Result(customers, ranked, oversized, hubKeys, rounds);
  }
}
