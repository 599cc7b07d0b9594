package dev.journeys.jobs.engine;

import dev.journeys.jobs.config.RunConfig;
import dev.journeys.jobs.ingest.InputFile;
import dev.journeys.jobs.io.Outputs;
import dev.journeys.jobs.io.ParquetTables;
import java.util.List;
import java.util.function.LongConsumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Where the events are read and the journeys built: Spark ({@code engine.spark}), for any inputs of any size,
 * locally or on a cluster, or this JVM alone ({@code engine.local}), for a small log. A run calls {@link #ingest},
 * then {@link #journeys}, then {@link #variants} only when the kernel could not count the variants, writing its
 * tables through {@link #writeTable}, and {@link #finishWrites} last. Both engines give the same outputs, byte for
 * byte; what differs is where the rows live between the stages.
 */
public interface Engine {

  /** The Hadoop configuration files are read and written with. */
  Configuration hadoop();

  /** How many tasks run at once: the cores a run reads with. */
  default int cores() {
    return 1;
  }

  /** Reads {@code files} into {@code out/events/} and {@code out/quarantine/}, and says what it read. */
  IngestResult ingest(List<InputFile> files, String out, RunConfig config);

  /** {@code quarantine.csv}: every quarantined row, by file and line. */
  void writeQuarantineCsv(Outputs outputs);

  /**
   * The journeys of the events read, written to {@code journeysDir}. A nightly run ({@link RunConfig#windowStart})
   * looks at its trailing window only: the events before it are counted, to {@code eventsBeforeWindow}, not analysed.
   */
  JourneysResult journeys(IngestResult ingest, RunConfig config, String journeysDir, LongConsumer eventsBeforeWindow);

  /** The variant table grouped from the journeys, in rank order, when the kernel could not count it. */
  default List<Row> variants(String journeysDir, long journeys, boolean judgesFates) {
    return variants(journeysDir, journeys, judgesFates, null);
  }

  /** As above, for the journeys of {@code segment} alone (null: all); {@code journeys} counts those. */
  List<Row> variants(String journeysDir, long journeys, boolean judgesFates, String segment);

  /**
   * The paths around {@code touchpoint} of the journeys in {@code journeysDir}: what they did before and after its
   * first occurrence, and what those that dropped did last.
   */
  dev.journeys.model.path.PathsAround paths(String journeysDir, String touchpoint);

  /** Writes a table that is on the driver, now or beside the rest of the run (see {@link #finishWrites}). */
  default void writeTable(String dir, StructType schema, List<Row> rows) {
    ParquetTables.write(hadoop(), dir, schema, rows.iterator());
  }

  /** Waits for tables still being written, and fails if one could not be. */
  default void finishWrites() {}
}
