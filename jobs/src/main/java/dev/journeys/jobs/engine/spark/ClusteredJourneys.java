package dev.journeys.jobs.engine.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.unix_micros;

import dev.journeys.jobs.io.OutputSchema;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.spark.Partition;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.execution.datasources.FilePartition;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.util.CollectionAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds journeys without a shuffle when the events are already clustered by customer: every input
 * file holds whole customers, in ascending customer order (by UTF-8 bytes, as {@code ORDER BY} sorts),
 * each customer's events in (timestamp, source order, sequence) order, and no two files share a
 * customer. A warehouse export {@code ORDER BY customer_id, ts} is such a layout, and so is
 * {@code events/} as ingest writes it for raw exports.
 *
 * <p>The layout is not trusted, it is checked while streaming: each task reads one whole file, checks
 * its order as it goes and stops at the first event out of order; the driver then checks that no two
 * files' customer ranges overlap. If either check fails, {@link #tryRun} says why and the caller
 * builds the journeys with a shuffle instead. Nothing per customer or per event reaches the driver:
 * one span per file.
 */
final class ClusteredJourneys {

  private static final Logger LOG = LoggerFactory.getLogger(ClusteredJourneys.class);

  /** Large enough that Spark neither splits a file nor packs two files into one task (see {@link #wholeFiles}). */
  static final long WHOLE_FILE_BYTES = 1L << 40;

  /** Files up to this size are streamed even when there are fewer of them than cores; larger ones are shuffled. */
  static final long SMALL_FILE_BYTES = 128L << 20;

  private ClusteredJourneys() {}

  /**
   * What one task saw: its customer range (null when it streamed no event) or the first event out of
   * order, and its tally: readable rows (events), those after the cut-off, unreadable rows, and the
   * events' first and last time in microseconds.
   */
  record Span(int partition, String first, String last, String disorder, long events, long late, long unreadable,
      long firstTs, long lastTs) implements Serializable {}

  /** What streaming found: why the events need a shuffle (empty when they were streamed), and every task's span. */
  record Outcome(Optional<String> shuffleReason, List<Span> spans) {

    long events() {
      return spans.stream().mapToLong(Span::events).sum();
    }

    long late() {
      return spans.stream().mapToLong(Span::late).sum();
    }

    long unreadable() {
      return spans.stream().mapToLong(Span::unreadable).sum();
    }

    long firstTs() {
      return spans.stream().mapToLong(Span::firstTs).min().orElse(Long.MAX_VALUE);
    }

    long lastTs() {
      return spans.stream().mapToLong(Span::lastTs).max().orElse(Long.MIN_VALUE);
    }
  }

  /**
   * Streams {@code events} file by file through the kernel and writes the journeys to {@code journeysDir}.
   * Returns empty when it did; otherwise why the events need a shuffle: they are not clustered (the
   * journeys written are then incomplete and must be rewritten, and the kernel's counts discarded), or
   * they lie in fewer large files than there are cores, which one task per file would leave idle.
   */
  static Optional<String> tryRun(SparkSession spark, Dataset<Row> events, KernelPartition kernel,
      String journeysDir) {
    return stream(spark, events, org.apache.spark.sql.functions.lit(true), kernel, journeysDir).shuffleReason();
  }

  /**
   * As {@link #tryRun}, for events (rows of the unified schema) some of which may be unreadable
   * ({@code readable} false: counted, not streamed) or after the kernel's cut-off (counted, not streamed).
   */
  static Outcome stream(SparkSession spark, Dataset<Row> events, org.apache.spark.sql.Column readable,
      KernelPartition kernel, String journeysDir) {
    Dataset<Row> projected = events.select(col(OutputSchema.CUSTOMER_ID), unix_micros(col(OutputSchema.TS)),
        col(OutputSchema.TOUCHPOINT), col(OutputSchema.CHANNEL), col(OutputSchema.OWNER), col(OutputSchema.ASSISTED),
        col(OutputSchema.SOURCE_ORDER), col(OutputSchema.SEQ), readable,
        kernel.rules().keepsAttributes() ? col(OutputSchema.ATTRIBUTES) : org.apache.spark.sql.functions.lit(null));
    RDD<InternalRow> rows = wholeFiles(spark, projected);
    Optional<String> tooFew = tooFewFiles(rows.partitions(), spark.sparkContext().defaultParallelism(),
        SMALL_FILE_BYTES);
    if (tooFew.isPresent()) {
      LOG.info("Building journeys with a shuffle: {}", tooFew.get());
      return new Outcome(tooFew, List.of());
    }
    CollectionAccumulator<Span> spans = spark.sparkContext().collectionAccumulator("customer spans");
    JavaRDD<Row> journeys = rows.toJavaRDD().mapPartitionsWithIndex(
        (index, it) -> new ClusteredPartition(kernel, spans, index).journeys(it), false);
    spark.sparkContext().setJobDescription("journeys: stream clustered events and count transitions");
    spark.createDataFrame(journeys, kernel.schema()).write().mode("overwrite").parquet(journeysDir);
    spark.sparkContext().setJobDescription(null);
    List<Span> seen = new ArrayList<>(spans.value());
    Optional<String> why = check(seen, rows.partitions())
        .map(w -> "the events are not clustered by customer: " + w);
    why.ifPresent(w -> LOG.info("Building journeys with a shuffle: {}", w));
    return new Outcome(why, seen);
  }

  /**
   * The scan's RDD with one whole file per partition: Spark's file scan splits files larger than
   * {@code spark.sql.files.maxPartitionBytes} and packs small ones together up to that size, counting
   * {@code spark.sql.files.openCostInBytes} per file. With both at a terabyte, every file is its own task.
   */
  static RDD<InternalRow> wholeFiles(SparkSession spark, Dataset<Row> dataset) {
    String[] keys = {"spark.sql.files.maxPartitionBytes", "spark.sql.files.openCostInBytes"};
    List<Optional<String>> before = new ArrayList<>();
    for (String key : keys) {
      before.add(spark.conf().getOption(key).isDefined() ? Optional.of(spark.conf().get(key)) : Optional.empty());
      spark.conf().set(key, Long.toString(WHOLE_FILE_BYTES));
    }
    try {
      // The scan's partitions are fixed when the physical plan is executed into an RDD, here.
      RDD<InternalRow> rdd = dataset.queryExecution().toRdd();
      rdd.partitions();
      return rdd;
    } finally {
      for (int i = 0; i < keys.length; i++) {
        if (before.get(i).isPresent()) {
          spark.conf().set(keys[i], before.get(i).get());
        } else {
          spark.conf().unset(keys[i]);
        }
      }
    }
  }

  /** Why one task per file would leave cores idle: fewer files than cores, and one of them large. */
  static Optional<String> tooFewFiles(Partition[] partitions, int cores, long smallFileBytes) {
    long largest = 0;
    for (Partition p : partitions) {
      if (p instanceof FilePartition f) {
        for (var file : f.files()) {
          largest = Math.max(largest, file.length());
        }
      }
    }
    if (partitions.length >= cores || largest <= smallFileBytes) {
      return Optional.empty();
    }
    return Optional.of(String.format(java.util.Locale.ROOT, "%d input file(s) for %d cores, the largest %,d MB: "
        + "one task per file would leave cores idle", partitions.length, cores, largest >> 20));
  }

  /** Empty when every task saw ordered events and no two tasks' customer ranges overlap; else why not. */
  static Optional<String> check(List<Span> spans, Partition[] partitions) {
    for (Span s : spans) {
      if (s.disorder() != null) {
        return Optional.of(describe(partitions, s.partition()) + ": " + s.disorder());
      }
    }
    List<Span> sorted = new ArrayList<>(spans.stream().filter(s -> s.first() != null).toList());
    sorted.sort(Comparator.comparing(s -> UTF8String.fromString(s.first())));
    for (int i = 1; i < sorted.size(); i++) {
      Span a = sorted.get(i - 1);
      Span b = sorted.get(i);
      if (UTF8String.fromString(a.last()).compareTo(UTF8String.fromString(b.first())) >= 0) {
        return Optional.of("customers from " + b.first() + " to " + min(a.last(), b.last()) + " are in both "
            + describe(partitions, a.partition()) + " and " + describe(partitions, b.partition()));
      }
    }
    return Optional.empty();
  }

  private static String min(String a, String b) {
    return UTF8String.fromString(a).compareTo(UTF8String.fromString(b)) <= 0 ? a : b;
  }

  /** The file a partition read, when the scan says so. */
  private static String describe(Partition[] partitions, int index) {
    if (index < partitions.length && partitions[index] instanceof FilePartition p && p.files().length > 0) {
      return p.files()[0].filePath().toString();
    }
    return "part " + index + " of the input";
  }
}
