package dev.journeys.jobs.engine.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Identity stitching finds customers as the connected components of identity keys seen together in one
 * record (a login carrying a cookie and a user id, a CRM contact with its phone and e-mail). It runs in
 * Spark on 64-bit key ids, never collecting keys on the driver, in a number of Spark jobs that grows with the
 * logarithm of the components' size, not with the data: a few jobs find every key's id and how many other keys it was
 * seen with (the hubs), then one job per round of the alternating large-star and small-star steps of Kiveris et al.,
 * "Connected Components in MapReduce and Beyond" (SoCC 2014), until neither step changes an edge (every component
 * is then a star around its smallest id), then two that give every key its customer. Edges travel between tasks as
 * blocks of {@code long} pairs, sorted in each partition to be grouped, with no object per edge. Each component's
 * representative is its smallest key (as a string), so the result does not depend on the order of the input or on
 * the ids. A component of more than {@code maxKeys} keys (a chain of shared devices) is split back into its keys
 * and reported.
 *
 * <p>A key's id is Spark's {@code xxhash64(seed, key)}. The keys are checked for two that share an id (about three
 * chances in a million for ten million keys, three in a hundred for a billion); then the ids are drawn again with the
 * next seed.
 *
 * <p>A record's customer is that of its first key that is no hub (keys are most trusted first; in {@link
 * #stitch(Dataset, int, Set)}, keys of equal rank are taken smallest first), which matters only where a component was
 * split. Keys seen with more than {@code maxKeys} other keys are hubs (a shared device, a switchboard number): they
 * stay keys of their own records but link nothing, and a record with only hubs is a customer of its own. Keys of a
 * chain kind (the legs of one contact) link, but a component of chain keys alone names no customer: its records are
 * not {@code named}.
 */
public final class IdentityStitching {

  public static final String RECORD_ID = "record_id";
  public static final String KEY = "key";
  public static final String RANK = "rank";
  public static final String CUSTOMER = "customer";
  public static final String NAMED = "named";
  /** Rounds of large-star and small-star before stitching gives up (it needs about log2 of a component's size). */
  public static final int MAX_ROUNDS = 64;
  private static final int MAX_SEEDS = 8;
  private static final Logger LOG = LoggerFactory.getLogger(IdentityStitching.class);

  private IdentityStitching() {}

  /**
   * @param customers  one row per key: {@code id, key, customer, named}
   * @param oversized  one row per split component: {@code customer} (its representative) and {@code keys}
   * @param hubKeys    one row per key that linked too many others: {@code key} and {@code neighbours}
   * @param rounds     rounds of large-star and small-star until nothing changed
   * @param hubs       the hubs' ids, sorted, for {@link #withCustomers}
   * @param seed       the seed of the keys' ids
   * @param input      the records stitched: {@code record_id} and {@code identity_keys}, most trusted first
   */
  public record Result(Dataset<Row> customers, Dataset<Row> oversized, Dataset<Row> hubKeys, int rounds,
      Broadcast<long[]> hubs, long seed, Dataset<Row> input) {

    /**
     * {@code records} (with {@code identity_keys}, most trusted first) with their {@code customer} and whether it is
     * {@code named}: the customer of their first key that is no hub; a record with only hubs is a customer of its
     * own ({@code record:} and its id). Joined on the key's id: a join on numbers, not strings.
     */
    public Dataset<Row> withCustomers(Dataset<Row> records) {
      Broadcast<long[]> shared = hubs;
      long keySeed = seed;
      UserDefinedFunction firstLinking = udf((UDF1<scala.collection.Seq<String>, Long>) keys -> {
        for (long id : ids(scala.jdk.javaapi.CollectionConverters.asJava(keys), keySeed)) {
          if (!isHub(shared.value(), id)) {
            return id;
          }
        }
        return null;
      }, DataTypes.LongType);
      Dataset<Row> keyed = records.withColumn("linking_id", firstLinking.apply(col("identity_keys")));
      Dataset<Row> byId = customers.select(col("id"), col(CUSTOMER), col(NAMED));
      return keyed.join(byId, keyed.col("linking_id").equalTo(byId.col("id")), "left")
          .drop(byId.col("id")).drop("linking_id")
          .withColumn(CUSTOMER, coalesce(col(CUSTOMER), concat(lit("record:"), col(RECORD_ID))))
          .withColumn(NAMED, coalesce(col(NAMED), lit(true)));
    }

    /** One row per record: {@code record_id, customer, named}. */
    public Dataset<Row> records() {
      return withCustomers(input).select(col(RECORD_ID), col(CUSTOMER), col(NAMED));
    }
  }

  static final StructType OVERSIZED = new StructType().add(CUSTOMER, DataTypes.StringType)
      .add("keys", DataTypes.LongType);
  static final StructType HUBS = new StructType().add(KEY, DataTypes.StringType)
      .add("neighbours", DataTypes.LongType);
  private static final StructType NEIGHBOURS = new StructType().add("a", DataTypes.LongType)
      .add("neighbours", DataTypes.LongType);
  private static final StructType LABELS = new StructType().add("id", DataTypes.LongType)
      .add("root", DataTypes.LongType);

  public static Result stitch(Dataset<Row> links, int maxKeys) {
    return stitch(links, maxKeys, Set.of());
  }

  /**
   * Stitches {@code links} ({@code record_id, key, rank}), keys of {@code chainKinds} (the part of a key before ':')
   * naming no customer alone. A record's keys of equal rank are tried smallest first.
   */
  public static Result stitch(Dataset<Row> links, int maxKeys, Set<String> chainKinds) {
    Dataset<Row> records = links.groupBy(col(RECORD_ID))
        .agg(transform(sort_array(collect_list(struct(col(RANK), col(KEY)))), k -> k.getField(KEY))
            .as("identity_keys"));
    return stitchRecords(records, maxKeys, chainKinds);
  }

  /** Stitches records of {@code record_id} and {@code identity_keys} (an array of keys, most trusted first). */
  public static Result stitchRecords(Dataset<Row> records, int maxKeys, Set<String> chainKinds) {
    SparkSession spark = records.sparkSession();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Dataset<Row> input = records.select(col(RECORD_ID), col("identity_keys"));
    Column naming = chainKinds.isEmpty() ? lit(true)
        : not(substring_index(col(KEY), ":", 1).isin(chainKinds.toArray()));
    for (long seed = 42; seed < 42 + MAX_SEEDS; seed++) {
      long s = seed;
      // Every record's key ids, read and hashed once for the two passes below: per partition one block of a count
      // and that many ids, record after record.
      JavaRDD<long[]> recordIds = input.javaRDD().mapPartitions(rows -> {
        LongBuffer out = new LongBuffer();
        while (rows.hasNext()) {
          long[] ids = ids(rows.next().getList(1), s);
          out.add(ids.length);
          out.addAll(ids);
        }
        return List.of(out.toArray()).iterator();
      }).persist(StorageLevel.MEMORY_AND_DISK());
      int partitions = Math.max(2 * spark.sparkContext().defaultParallelism(), recordIds.getNumPartitions());
      Dataset<Row> neighbours = neighbours(spark, recordIds, partitions);
      // Every key once, with its id, whether it names a customer, and how many other keys it was seen with.
      Dataset<Row> keys = input.select(explode(col("identity_keys")).as(KEY)).where(col(KEY).isNotNull())
          .select(xxhash64(lit(s), col(KEY)).as("id"), col(KEY)).distinct()
          .join(neighbours, col("id").equalTo(col("a")), "left")
          .select(col("id"), col(KEY), naming.as("naming"), coalesce(col("neighbours"), lit(0L)).as("neighbours"))
          .localCheckpoint();
      Row counts = keys.agg(count(lit(1)), countDistinct(col("id"))).first();
      if (counts.getLong(0) != counts.getLong(1)) {
        LOG.info("Two identity keys share a 64-bit id with seed {}; drawing the ids again", seed);
        recordIds.unpersist(false);
        continue;
      }
      List<Row> hubList = keys.where(col("neighbours").gt(maxKeys)).collectAsList();
      Broadcast<long[]> hubIds = jsc.broadcast(hubList.stream().mapToLong(r -> r.getLong(0)).sorted()
          .toArray());
      List<Row> hubRows = hubList.stream().map(r -> RowFactory.create(r.getString(1), r.getLong(3)))
          .toList();
      Components components = components(spark, stars(recordIds, hubIds), partitions);
      Dataset<Row> labels = spark.createDataFrame(components.labels().flatMap(star -> {
        List<Row> rows = new ArrayList<>(star.length / 2);
        for (int i = 0; i < star.length; i += 2) {
          rows.add(RowFactory.create(star[i], star[i + 1]));
        }
        return rows.iterator();
      }), LABELS);
      Dataset<Row> rooted = keys.join(labels, "id", "left").withColumn("root", coalesce(col("root"), col("id")));
      // A component's size and smallest key decide its keys' customer. A split component's keys are customers of
      // their own: each names one when it is no chain key.
      Dataset<Row> perComponent = rooted.groupBy(col("root")).agg(count(lit(1)).as("keys"),
          min(col(KEY)).as("smallest"), max(col("naming")).as("any_naming")).localCheckpoint();
      Dataset<Row> customers = rooted.join(perComponent, "root").select(col("id"), col(KEY),
          when(col("keys").gt(maxKeys), col(KEY)).otherwise(col("smallest")).as(CUSTOMER),
          when(col("keys").gt(maxKeys), col("naming")).otherwise(col("any_naming")).as(NAMED)).localCheckpoint();
      Dataset<Row> oversized = perComponent.where(col("keys").gt(maxKeys))
          .select(col("smallest").as(CUSTOMER), col("keys"));
      components.labels().unpersist(false);
      recordIds.unpersist(false);
      return new Result(customers, oversized, spark.createDataFrame(hubRows, HUBS), components.rounds(), hubIds,
          seed, input);
    }
    throw new IllegalStateException("identity keys share 64-bit ids under " + MAX_SEEDS + " seeds: not a hash");
  }

  /** How many other keys each key was seen with: every record's pairs of keys, grouped by their first. */
  private static Dataset<Row> neighbours(SparkSession spark, JavaRDD<long[]> recordIds, int partitions) {
    JavaRDD<long[]> pairs = recordIds.map(records -> {
      LongBuffer out = new LongBuffer();
      for (int r = 0; r < records.length; r += 1 + (int) records[r]) {
        int from = r + 1;
        int to = from + (int) records[r];
        for (int a = from; a < to; a++) {
          for (int b = from; b < to; b++) {
            if (a != b) {
              out.add(records[a], records[b]);
            }
          }
        }
      }
      return out.toArray();
    });
    return spark.createDataFrame(byFirst(pairs, partitions, false).flatMap(sorted -> {
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < sorted.length; ) {
        long a = sorted[i];
        long distinct = 0;
        int j = i;
        for (; j < sorted.length && sorted[j] == a; j += 2) {
          if (j == i || sorted[j + 1] != sorted[j - 1]) {
            distinct++;
          }
        }
        rows.add(RowFactory.create(a, distinct));
        i = j;
      }
      return rows.iterator();
    }), NEIGHBOURS);
  }

  /**
   * A star around each record's smallest linking id (no hub) connects all its linking keys: edges point from the
   * larger id to the smaller.
   */
  private static JavaRDD<long[]> stars(JavaRDD<long[]> recordIds, Broadcast<long[]> hubIds) {
    return recordIds.map(records -> {
      LongBuffer out = new LongBuffer();
      long[] hubs = hubIds.value();
      for (int r = 0; r < records.length; r += 1 + (int) records[r]) {
        int from = r + 1;
        int to = from + (int) records[r];
        long smallest = Long.MAX_VALUE;
        for (int i = from; i < to; i++) {
          if (!isHub(hubs, records[i])) {
            smallest = Math.min(smallest, records[i]);
          }
        }
        for (int i = from; i < to; i++) {
          if (records[i] != smallest && !isHub(hubs, records[i])) {
            out.add(records[i], smallest);
          }
        }
      }
      return out.toArray();
    });
  }

  /** Whether {@code id} is among the sorted {@code hubs}. */
  static boolean isHub(long[] hubs, long id) {
    return Arrays.binarySearch(hubs, id) >= 0;
  }

  /**
   * The ids of a record's keys, each once: Spark's {@code xxhash64(seed, key)} (XXH64 of the key's UTF-8 bytes,
   * seeded with the seed's own XXH64 under Spark's seed 42), so that SQL and Java give every key the same id.
   */
  static long[] ids(List<String> keys, long seed) {
    long keySeed = XXH64.hashLong(seed, 42);
    long[] ids = new long[keys.size()];
    int n = 0;
    for (String key : keys) {
      if (key != null) {
        long id = XXH64.hashUTF8String(UTF8String.fromString(key), keySeed);
        boolean seen = false;
        for (int i = 0; i < n && !seen; i++) {
          seen = ids[i] == id;
        }
        if (!seen) {
          ids[n++] = id;
        }
      }
    }
    return n == ids.length ? ids : Arrays.copyOf(ids, n);
  }

  /** The edges of a star forest (each key with an edge points at its component's smallest id), and the rounds. */
  private record Components(JavaRDD<long[]> labels, int rounds) {}

  /**
   * Large-star and small-star in turn, one Spark job per round, until a round changes no edge. Each step counts the
   * edges it changed on an accumulator: a task run twice can only count a change twice, never hide one. Edges travel
   * as blocks of pairs in {@code long[]}, one per task and partition, and each partition sorts its pairs to group
   * them: no object per edge.
   */
  private static Components components(SparkSession spark, JavaRDD<long[]> edges, int partitions) {
    JavaRDD<long[]> current = edges;
    int rounds = 0;
    while (rounds < MAX_ROUNDS) {
      rounds++;
      LongAccumulator changed = spark.sparkContext().longAccumulator("stitching: edges changed in round " + rounds);
      JavaRDD<long[]> next = byFirst(byFirst(current, partitions, true)
          .map(pairs -> largeStar(pairs, changed)), partitions, false)
          .map(pairs -> smallStar(pairs, changed))
          .persist(StorageLevel.MEMORY_AND_DISK());
      next.foreachPartition(blocks -> blocks.forEachRemaining(block -> { }));
      if (rounds > 1) {
        current.unpersist(false);
      }
      current = next;
      if (changed.value() == 0) {
        break;
      }
    }
    if (rounds == MAX_ROUNDS) {
      LOG.warn("Identity stitching stopped after {} rounds before it converged", MAX_ROUNDS);
    }
    return new Components(current, rounds);
  }

  /**
   * Pairs sent to the partition of their first id (with {@code bothWays}, each pair also reversed), as one sorted
   * block per partition.
   */
  private static JavaRDD<long[]> byFirst(JavaRDD<long[]> blocks, int partitions, boolean bothWays) {
    return blocks.mapPartitionsToPair(it -> {
      LongBuffer[] out = new LongBuffer[partitions];
      while (it.hasNext()) {
        long[] pairs = it.next();
        for (int i = 0; i < pairs.length; i += 2) {
          add(out, pairs[i], pairs[i + 1]);
          if (bothWays) {
            add(out, pairs[i + 1], pairs[i]);
          }
        }
      }
      List<Tuple2<Integer, long[]>> sent = new ArrayList<>();
      for (int p = 0; p < partitions; p++) {
        if (out[p] != null) {
          sent.add(new Tuple2<>(p, out[p].toArray()));
        }
      }
      return sent.iterator();
    }).partitionBy(new HashPartitioner(partitions)).mapPartitions(it -> {
      LongBuffer all = new LongBuffer();
      it.forEachRemaining(block -> all.addAll(block._2()));
      long[] pairs = all.toArray();
      PairSort.sort(pairs);
      return List.of(pairs).iterator();
    }, true);
  }

  private static void add(LongBuffer[] out, long a, long b) {
    int p = Math.floorMod(Long.hashCode(a * 0x9E3779B97F4A7C15L), out.length);
    if (out[p] == null) {
      out[p] = new LongBuffer();
    }
    out[p].add(a, b);
  }

  /**
   * Large-star on pairs sorted by node: every node links its larger neighbours to the smallest id of its
   * neighbourhood, itself included.
   */
  static long[] largeStar(long[] pairs, LongAccumulator changed) {
    LongBuffer out = new LongBuffer();
    long changes = 0;
    for (int i = 0; i < pairs.length; ) {
      long u = pairs[i];
      long m = Math.min(u, pairs[i + 1]);
      int j = i;
      long last = Long.MIN_VALUE;
      boolean first = true;
      for (; j < pairs.length && pairs[j] == u; j += 2) {
        long v = pairs[j + 1];
        if (v > u && (first || v != last)) {
          out.add(v, m);
          if (m != u) {
            changes++;
          }
        }
        last = v;
        first = false;
      }
      i = j;
    }
    changed.add(changes);
    return out.toArray();
  }

  /** Small-star on pairs sorted by node (each a larger id with a smaller): a node and its smaller neighbours link
   * to the smallest of them. */
  static long[] smallStar(long[] pairs, LongAccumulator changed) {
    LongBuffer out = new LongBuffer();
    long changes = 0;
    for (int i = 0; i < pairs.length; ) {
      long u = pairs[i];
      long m = pairs[i + 1];
      out.add(u, m);
      int j = i + 2;
      long last = m;
      for (; j < pairs.length && pairs[j] == u; j += 2) {
        long v = pairs[j + 1];
        if (v != last) {
          out.add(v, m);
          changes++;
        }
        last = v;
      }
      i = j;
    }
    changed.add(changes);
    return out.toArray();
  }

  /** A growing array of ids, or of pairs of ids. */
  static final class LongBuffer {
    private long[] values = new long[64];
    private int size;

    void add(long value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, values.length * 2);
      }
      values[size++] = value;
    }

    void add(long a, long b) {
      if (size + 2 > values.length) {
        values = Arrays.copyOf(values, values.length * 2);
      }
      values[size++] = a;
      values[size++] = b;
    }

    void addAll(long[] pairs) {
      if (size + pairs.length > values.length) {
        values = Arrays.copyOf(values, Math.max(values.length * 2, size + pairs.length));
      }
      System.arraycopy(pairs, 0, values, size, pairs.length);
      size += pairs.length;
    }

    long[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }

  /** Sorts pairs of longs (a long[] of a1, b1, a2, b2…) by their first, then their second, in place. */
  static final class PairSort {
    private PairSort() {}

    static void sort(long[] pairs) {
      sort(pairs, 0, pairs.length / 2 - 1);
    }

    private static void sort(long[] p, int lo, int hi) {
      while (hi - lo > 16) {
        int mid = (lo + hi) >>> 1;
        // Median of three as pivot, then Hoare's partition: equal pairs split evenly.
        if (less(p, mid, lo)) {
          swap(p, mid, lo);
        }
        if (less(p, hi, lo)) {
          swap(p, hi, lo);
        }
        if (less(p, hi, mid)) {
          swap(p, hi, mid);
        }
        long pa = p[2 * mid];
        long pb = p[2 * mid + 1];
        int i = lo - 1;
        int j = hi + 1;
        while (true) {
          do {
            i++;
          } while (compare(p[2 * i], p[2 * i + 1], pa, pb) < 0);
          do {
            j--;
          } while (compare(p[2 * j], p[2 * j + 1], pa, pb) > 0);
          if (i >= j) {
            break;
          }
          swap(p, i, j);
        }
        // Recurse into the smaller side, loop on the larger: the stack stays logarithmic.
        if (j - lo < hi - j) {
          sort(p, lo, j);
          lo = j + 1;
        } else {
          sort(p, j + 1, hi);
          hi = j;
        }
      }
      for (int i = lo + 1; i <= hi; i++) {
        for (int k = i; k > lo && less(p, k, k - 1); k--) {
          swap(p, k, k - 1);
        }
      }
    }

    private static int compare(long a1, long b1, long a2, long b2) {
      int c = Long.compare(a1, a2);
      return c != 0 ? c : Long.compare(b1, b2);
    }

    private static boolean less(long[] p, int x, int y) {
      return compare(p[2 * x], p[2 * x + 1], p[2 * y], p[2 * y + 1]) < 0;
    }

    private static void swap(long[] p, int x, int y) {
      long a = p[2 * x];
      long b = p[2 * x + 1];
      p[2 * x] = p[2 * y];
      p[2 * x + 1] = p[2 * y + 1];
      p[2 * y] = a;
      p[2 * y + 1] = b;
    }
  }
}
