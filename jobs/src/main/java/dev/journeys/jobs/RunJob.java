package dev.journeys.jobs;

import dev.journeys.jobs.graph.GraphExport;
import dev.journeys.jobs.ingest.EventProfile;
import dev.journeys.jobs.ingest.Ingest;
import dev.journeys.jobs.ingest.InputFile;
import dev.journeys.jobs.ingest.InputFiles;
import dev.journeys.jobs.ingest.LocalIngest;
import dev.journeys.jobs.io.ParquetTables;
import dev.journeys.jobs.io.RunFolder;
import dev.journeys.jobs.journey.LocalJourneys;
import dev.journeys.jobs.journey.ParquetStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.types.StructType;
import dev.journeys.jobs.ingest.Pseudonymiser;
import dev.journeys.jobs.io.EventColumns;
import dev.journeys.jobs.journey.JourneyJob;
import dev.journeys.jobs.report.HtmlReport;
import dev.journeys.jobs.report.Manifest;
import dev.journeys.jobs.report.Outputs;
import dev.journeys.jobs.report.Progress;
import dev.journeys.jobs.report.TaskProgress;
import dev.journeys.jobs.transition.TransitionRows;
import dev.journeys.jobs.variant.VariantJob;
import dev.journeys.model.graph.GraphInsights;
import dev.journeys.model.graph.TransitionGraph;
import dev.journeys.model.transition.RankedTransition;
import dev.journeys.model.transition.TransitionCounts;
import dev.journeys.model.transition.TransitionTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/** The main job: inputs → events → journeys → variants → ranked transitions → graph, then the manifest last. */
public final class RunJob {

  private RunJob() {}

  /** What a run produced, for the console and the tests. */
  public record Result(Ingest.Result ingest, JourneyJob.Result journeys, TransitionTable transitions,
      List<RankedTransition> dropOffRanking, List<RankedTransition> repeatRanking, long variants,
      GraphInsights insights) {}

  /**
   * How a run writes its folder: {@link #STAGED} into {@code OUT/_unfinished-run/}, replacing its outputs
   * in {@code OUT} once finished (see {@link RunFolder}); {@link #IN_PLACE} straight into {@code OUT}, for a
   * caller that has staged the folder itself, as the nightly run does.
   */
  public enum Writes { STAGED, IN_PLACE }

  /** Runs the analysis with Spark: any inputs, any size, locally or on a cluster. */
  public static Result run(SparkSession spark, RunConfig config, Progress progress) {
    return run(spark, config, progress, Writes.STAGED);
  }

  public static Result run(SparkSession spark, RunConfig config, Progress progress, Writes writes) {
    try (TaskProgress tasks = new TaskProgress(spark.sparkContext(), progress)) {
      return inFolder(config, writes, dir -> runStages(new SparkEngine(spark), config, dir, progress));
    }
  }

  /**
   * Runs the analysis in this JVM alone, without starting Spark, with the same outputs as {@link #run}:
   * for XES and CSV logs on the local file system (see {@link #suitsLocal}).
   */
  public static Result runLocal(RunConfig config, Progress progress) {
    return runLocal(config, progress, Writes.STAGED);
  }

  public static Result runLocal(RunConfig config, Progress progress, Writes writes) {
    String why = LocalEngine.cannotRun(InputFiles.resolve(config.sources(), new Configuration()), config.outDir());
    if (why != null) {
      throw new IllegalArgumentException("Cannot run without Spark: " + why);
    }
    return inFolder(config, writes, dir -> {
      LocalEngine engine = new LocalEngine();
      try {
        return runStages(engine, config, dir, progress);
      } finally {
        engine.stopWriting(); // a failed run's tables stop being written before the caller looks at its folder
      }
    });
  }

  /** Runs {@code stages} into the folder {@code writes} says, and publishes it when they have finished. */
  private static Result inFolder(RunConfig config, Writes writes, java.util.function.Function<Path, Result> stages) {
    Path out = Path.of(config.outDir()).toAbsolutePath();
    if (writes == Writes.IN_PLACE) {
      Outputs.forgetFinishedRun(out);
      return stages.apply(out);
    }
    try (RunFolder folder = RunFolder.open(out, config.inputs())) {
      Result result = stages.apply(folder.staging());
      folder.publish();
      return result;
    }
  }

  /**
   * Whether a run is better made without Spark: XES and CSV logs on the local file system, of at most
   * {@link LocalEngine#MAX_BYTES} bytes together (gzipped ones counted {@link LocalEngine#GZIP_FACTOR}
   * times), written to a local folder. Spark's start-up and per-job costs outweigh such a run.
   */
  public static boolean suitsLocal(RunConfig config) {
    List<InputFile> files = InputFiles.resolve(config.sources(), new Configuration());
    return LocalEngine.cannotRun(files, config.outDir()) == null && LocalEngine.bytes(files) <= LocalEngine.MAX_BYTES;
  }

  /** Raw exports carry personal keys: pseudonymise them unless the run says not to on purpose. */
  static Ingest.Identities identities(RunConfig config) {
    if (!config.hasRawSources()) {
      return Ingest.Identities.IN_CLEAR;
    }
    return new Ingest.Identities(config.maxIdentityKeys(),
        !config.pseudonymise() ? null
            : config.secret() != null ? Pseudonymiser.of(config.secret()) : Pseudonymiser.fromEnvironment(System.getenv()),
        config.scrubber());
  }

  private static Result runStages(Engine engine, RunConfig config, Path out, Progress progress) {
    Outputs outputs = new Outputs(out);
    Manifest manifest = new Manifest(config, progress);

    progress.stage("ingest", "reading " + config.inputs().size() + " input(s)");
    List<InputFile> files = InputFiles.resolve(config.sources(), engine.hadoop());
    Ingest.Result ingest = engine.ingest(files, out.toString(), config);
    engine.writeQuarantineCsv(outputs);
    progress.done(String.format(Locale.ROOT, "%,d events read, %,d quarantined (%.2f%%)", ingest.eventsRead(),
        ingest.quarantined(), ingest.rowsRead() == 0 ? 0.0 : 100.0 * ingest.quarantined() / ingest.rowsRead()));
    manifest.ingest(ingest, config.acceptTruncated());
    manifest.writeStitching(out.resolve("stitching.json"));
    InputChecks.afterIngest(ingest, config, out.resolve("quarantine.csv"));

    progress.stage("journeys", "cutting journeys and counting transitions");
    JourneyJob.Result journeys = engine.journeys(ingest, config, manifest, outputs);
    TransitionCounts counts = journeys.counts();
    progress.done(String.format(Locale.ROOT, "%,d journeys of %,d customers, cut-off %s", counts.journeys(),
        counts.customers(), journeys.cutoff()));
    manifest.journeys(journeys);
    InputChecks.afterJourneys(ingest, journeys, config, manifest);

    progress.stage("variants", "grouping journeys by touchpoint sequence");
    List<Row> variantRows = VariantJob.rows(counts.variants(), counts.journeys(), config.rules().judgesFates());
    if (variantRows == null) {
      // Too many variants for the kernel to count: the journeys table is grouped instead.
      variantRows = engine.variants(outputs, counts.journeys(), config.rules().judgesFates());
    }
    engine.writeTable(outputs.dir("variants"), VariantJob.SCHEMA, variantRows);
    long variantCount = outputs.writeVariantsCsv(variantRows);
    progress.done(String.format(Locale.ROOT, "%,d variants", variantCount));
    manifest.count("variants", variantCount);

    progress.stage("transitions", "turning counts into rates and rankings");
    TransitionTable table = TransitionTable.from(counts, config.rules());
    List<RankedTransition> dropOff = config.rules().judgesFates()
        ? table.rankByDropOff(config.rankBy(), config.minPassages()) : List.of();
    List<RankedTransition> repeat = table.rankByRepeatContact(config.rankBy(), config.minPassages());
    TransitionRows rows = new TransitionRows(config.rules().repeatWindows());
    engine.writeTable(outputs.dir("transitions"), rows.schema(),
        outputs.writeTransitions(rows, table.transitions(), dropOff, repeat));
    outputs.writeOwnerPairs(config.rules().repeatWindows(), table.ownerPairs());
    progress.done(String.format(Locale.ROOT, "%,d transitions", table.transitions().size()));
    manifest.count("transitions", table.transitions().size());

    progress.stage("graph", "building the transition graph");
    TransitionGraph graph = TransitionGraph.of(table.transitions());
    GraphInsights insights = graph.insights(counts.touchpoints(), counts.journeys(), config.top());
    int w = config.rules().rankedWindow();
    new GraphExport(graph, w, config.rules().repeatWindows().get(w).label()).write(out, insights);
    progress.done(graph.graph().vertexSet().size() + " touchpoints, " + graph.graph().edgeSet().size() + " edges");

    engine.finishWrites();
    HtmlReport.write(out, manifest.toJson());
    manifest.write(out.resolve(Outputs.MANIFEST));
    return new Result(ingest, journeys, table, dropOff, repeat, variantCount, insights);
  }

  /** Where the events are read and the journeys built: Spark, or this JVM alone for a small log. */
  private interface Engine {

    /** The Hadoop configuration files are read and written with. */
    Configuration hadoop();

    Ingest.Result ingest(List<InputFile> files, String out, RunConfig config);

    /** {@code quarantine.csv}: every quarantined row, by file and line. */
    void writeQuarantineCsv(Outputs outputs);

    /** Journeys of the events in the run's window, written to {@code journeys/}. */
    JourneyJob.Result journeys(Ingest.Result ingest, RunConfig config, Manifest manifest, Outputs outputs);

    /** The variant table grouped from {@code journeys/}, in rank order, when the kernel could not count it. */
    List<Row> variants(Outputs outputs, long journeys, boolean judgesFates);

    /** Writes a table that is on the driver, now or beside the rest of the run (see {@link #finishWrites}). */
    default void writeTable(String dir, StructType schema, List<Row> rows) {
      ParquetTables.write(hadoop(), dir, schema, rows.iterator());
    }

    /** Waits for tables still being written, and fails if one could not be. */
    default void finishWrites() {}
  }

  private static final class SparkEngine implements Engine {
    private final SparkSession spark;

    SparkEngine(SparkSession spark) {
      this.spark = spark;
    }

    @Override
    public Configuration hadoop() {
      return spark.sparkContext().hadoopConfiguration();
    }

    /** The journeys when they were streamed with ingest; null when they are still to be built. */
    private JourneyJob.Result streamed;
    /** Why the events are known not to lie clustered by customer; null while they may. */
    private String notClustered;

    @Override
    public Ingest.Result ingest(List<InputFile> files, String out, RunConfig config) {
      if (config.windowStart() == null && ParquetStream.applies(files, config.rules())) {
        // Parquet that lies clustered by customer is read, checked, counted and cut into journeys in one pass.
        ParquetStream.Attempt attempt = ParquetStream.tryRun(spark, files, out, config.rules(), config.cutoff());
        if (attempt.streamed().isPresent()) {
          streamed = attempt.streamed().get().journeys();
          return attempt.streamed().get().ingest();
        }
        notClustered = attempt.notClustered() ? attempt.whyNot() : null;
      }
      return Ingest.run(spark, files, out, config.cutoff(), identities(config));
    }

    @Override
    public void writeQuarantineCsv(Outputs outputs) {
      outputs.writeQuarantineCsv(spark);
    }

    @Override
    public JourneyJob.Result journeys(Ingest.Result ingest, RunConfig config, Manifest manifest, Outputs outputs) {
      if (streamed != null) {
        return streamed;
      }
      Dataset<Row> events = ingest.events();
      EventProfile profile = ingest.profile();
      if (config.windowStart() != null) {
        // A nightly run looks at its trailing window only; what came before is counted, not analysed.
        Column inWindow = functions.col(EventColumns.TS).gt(functions.lit(config.windowStart()));
        manifest.count("events_before_window", events.filter(functions.not(inWindow)).count());
        events = events.filter(inWindow);
        profile = EventProfile.of(events, config.cutoff());
      }
      return JourneyJob.run(spark, events, profile, config.rules(), config.cutoff(), outputs.dir("journeys"),
          notClustered != null ? notClustered
              : ingest.maybeClustered() ? null : "events parsed from XES or CSV logs are not clustered by customer");
    }

    @Override
    public List<Row> variants(Outputs outputs, long journeys, boolean judgesFates) {
      return VariantJob.variants(spark.read().parquet(outputs.dir("journeys")), journeys, judgesFates)
          .collectAsList();
    }
  }

  /** The run of a small log in this JVM: the same readers, kernel and writers, no Spark. */
  static final class LocalEngine implements Engine {

    /** Logs up to this many bytes (a gzipped file counted {@link #GZIP_FACTOR} times) are read without Spark. */
    static final long MAX_BYTES = 64L << 20;
    static final int GZIP_FACTOR = 8;

    private final Configuration hadoop = new Configuration();
    private List<Row> events;
    private List<Row> quarantined;
    private List<Row> journeys;

    /** Why {@code files} cannot be read and analysed here, into {@code outDir}; null when they can. */
    static String cannotRun(List<InputFile> files, String outDir) {
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
    static long bytes(List<InputFile> files) {
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

    LocalEngine() {
      writer.submit(ParquetTables::warmUp);
    }

    @Override
    public Ingest.Result ingest(List<InputFile> files, String out, RunConfig config) {
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
    void stopWriting() {
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
      outputs.writeQuarantineCsv(quarantined);
    }

    @Override
    public JourneyJob.Result journeys(Ingest.Result ingest, RunConfig config, Manifest manifest, Outputs outputs) {
      List<Row> inWindow = events;
      EventProfile profile = ingest.profile();
      if (config.windowStart() != null) {
        // A nightly run looks at its trailing window only; what came before is counted, not analysed.
        inWindow = LocalIngest.after(events, config.windowStart());
        manifest.count("events_before_window", events.size() - inWindow.size());
        profile = LocalIngest.profile(inWindow, config.cutoff());
      }
      LocalJourneys.Built built = LocalJourneys.run(inWindow, profile, config.rules(), config.cutoff());
      journeys = built.journeys();
      writes.add(writer.submit(() -> LocalJourneys.write(hadoop, outputs.dir("journeys"), built.journeys())));
      return built.result();
    }

    @Override
    public List<Row> variants(Outputs outputs, long total, boolean judgesFates) {
      return LocalJourneys.variants(journeys, judgesFates);
    }
  }
}
