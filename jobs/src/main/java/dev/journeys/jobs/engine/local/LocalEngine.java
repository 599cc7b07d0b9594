package dev.journeys.jobs.engine.local;

import dev.journeys.jobs.config.RunConfig;
import dev.journeys.jobs.engine.Engine;
import dev.journeys.jobs.engine.IngestResult;
import dev.journeys.jobs.engine.JourneysResult;
import dev.journeys.jobs.ingest.EventProfile;
import dev.journeys.jobs.ingest.InputFile;
import dev.journeys.jobs.io.OutputSchema;
import dev.journeys.jobs.io.Outputs;
import dev.journeys.jobs.io.ParquetTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongConsumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * The run of a small log in this JVM: the same readers, kernel and writers as the Spark engine, no Spark; the
 * events, quarantined rows and journeys are held in memory between the stages.
 */
public final class LocalEngine implements Engine {

  /** Logs up to this many bytes (a gzipped file counted {@link #GZIP_FACTOR} times) are read without Spark. */
  public static final long MAX_BYTES = 64L << 20;
  public static final int GZIP_FACTOR = 8;

  private final Configuration hadoop = new Configuration();
  private List<Row> events;
  private List<Row> quarantined;
  private List<Row> journeys;

  /** Why {@code files} cannot be read and analysed here, into {@code outDir}; null when they can. */
  public static String cannotRun(List<InputFile> files, String outDir) {
    if (!LocalIngest.canRead(files)) {
      return "it reads XES and CSV logs only; Parquet inputs and raw exports need Spark";
    }
    for (String path : java.util.stream.Stream.concat(files.stream().map(InputFile::path), java.util.stream.Stream.of(outDir))
        .toList()) {
      if (!isLocal(path)) {
        return path + " is not on the local file system";
      }
    }
    return null;
  }

  /** The size of {@code files}, a gzipped file counted {@link #GZIP_FACTOR} times; local files only. */
  public static long bytes(List<InputFile> files) {
    long bytes = 0;
    for (InputFile f : files) {
      try {
        bytes += Files.size(Path.of(new org.apache.hadoop.fs.Path(f.path()).toUri().getPath()))
            * (f.gzipped() ? GZIP_FACTOR : 1);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("Cannot read " + f.path() + ": " + e.getMessage(), e);
      }
    }
    return bytes;
  }

  private static boolean isLocal(String path) {
    String scheme = new org.apache.hadoop.fs.Path(path).toUri().getScheme();
    return scheme == null || scheme.equals("file");
  }

  @Override
  public Configuration hadoop() {
    return hadoop;
  }

  /**
   * Writes the Parquet tables beside the analysis, on a second thread: on a small log, loading and warming
   * up Parquet's writer costs more than the analysis itself, and nothing downstream reads them.
   */
  private final java.util.concurrent.ExecutorService writer = java.util.concurrent.Executors.newSingleThreadExecutor(
      r -> {
        Thread t = new Thread(r, "journeys-parquet-writer");
        t.setDaemon(true);
        return t;
      });
  private final List<java.util.concurrent.Future<?>> writes = new java.util.ArrayList<>();

  public LocalEngine() {
    writer.submit(ParquetTables::warmUp);
  }

  @Override
  public IngestResult ingest(List<InputFile> files, String out, RunConfig config) {
    LocalIngest.Result read = LocalIngest.run(hadoop, files, out, config.cutoff());
    events = read.events();
    quarantined = read.quarantined();
    writes.add(writer.submit(() -> read.write(hadoop, out)));
    return read.ingest();
  }

  @Override
  public void writeTable(String dir, StructType schema, List<Row> rows) {
    writes.add(writer.submit(() -> ParquetTables.write(hadoop, dir, schema, rows.iterator())));
  }

  @Override
  public void finishWrites() {
    try {
      for (java.util.concurrent.Future<?> w : writes) {
        w.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while writing the Parquet tables", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } finally {
      writer.shutdown();
    }
  }

  /** Stops the writer thread, waiting for the table it is writing; tables not started are not written. */
  public void stopWriting() {
    writer.shutdownNow();
    try {
      if (!writer.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES)) {
        throw new IllegalStateException("The Parquet writer did not stop within 5 minutes");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void writeQuarantineCsv(Outputs outputs) {
    int[] columns = OutputSchema.QUARANTINE_CSV.stream().mapToInt(OutputSchema.INGESTED::fieldIndex).toArray();
    outputs.writeQuarantineCsv(quarantined.stream().map(r -> {
      Object[] values = new Object[columns.length];
      for (int i = 0; i < columns.length; i++) {
        values[i] = r.get(columns[i]);
      }
      return RowFactory.create(values);
    }).iterator());
  }

  @Override
  public JourneysResult journeys(IngestResult ingest, RunConfig config, String journeysDir,
      LongConsumer eventsBeforeWindow) {
    List<Row> inWindow = events;
    EventProfile profile = ingest.profile();
    if (config.windowStart() != null) {
      // A nightly run looks at its trailing window only; what came before is counted, not analysed.
      inWindow = LocalIngest.after(events, config.windowStart());
      eventsBeforeWindow.accept(events.size() - inWindow.size());
      profile = LocalIngest.profile(inWindow, config.cutoff());
    }
    LocalJourneys.Built built = LocalJourneys.run(inWindow, profile, config.rules(), config.cutoff());
    journeys = built.journeys();
    writes.add(writer.submit(() -> LocalJourneys.write(hadoop, journeysDir, built.journeys(), config.rules())));
    return built.result();
  }

  @Override
  public dev.journeys.model.path.PathsAround paths(String journeysDir, String touchpoint) {
    return LocalJourneys.paths(journeys, touchpoint);
  }

  @Override
  public List<Row> variants(String journeysDir, long total, boolean judgesFates, String segment) {
    return LocalJourneys.variants(segment == null ? journeys : journeys.stream()
        .filter(r -> segment.equals(r.getString(r.size() - 1))).toList(), judgesFates);
  }
}
