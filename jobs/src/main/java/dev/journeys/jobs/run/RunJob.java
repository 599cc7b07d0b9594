package dev.journeys.jobs.run;

import dev.journeys.jobs.config.RunConfig;
import dev.journeys.jobs.engine.Engine;
import dev.journeys.jobs.engine.IngestResult;
import dev.journeys.jobs.engine.JourneysResult;
import dev.journeys.jobs.engine.local.LocalEngine;
import dev.journeys.jobs.engine.spark.SparkEngine;
import dev.journeys.jobs.engine.spark.TaskProgress;
import dev.journeys.jobs.ingest.InputFile;
import dev.journeys.jobs.ingest.InputFiles;
import dev.journeys.jobs.io.OutputSchema;
import dev.journeys.jobs.io.Outputs;
import dev.journeys.jobs.io.Progress;
import dev.journeys.jobs.io.RunFolder;
import dev.journeys.jobs.io.RunManifest;
import dev.journeys.jobs.io.PathRows;
import dev.journeys.jobs.io.VariantRows;
import dev.journeys.jobs.report.GraphExport;
import dev.journeys.jobs.report.HtmlReport;
import dev.journeys.model.graph.GraphInsights;
import dev.journeys.model.graph.TransitionGraph;
import dev.journeys.model.path.PathsAround;
import dev.journeys.model.transition.RankedTransition;
import dev.journeys.model.transition.RepeatContact;
import dev.journeys.model.transition.TransitionCounts;
import dev.journeys.model.transition.TransitionTable;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The main job: inputs → events → journeys → variants → ranked transitions → graph, then the manifest last. */
public final class RunJob {

  private RunJob() {}

  /**
   * How a run writes its folder: {@link #STAGED} into {@code OUT/_unfinished-run/}, replacing its outputs
   * in {@code OUT} once finished (see {@link RunFolder}); {@link #IN_PLACE} straight into {@code OUT}, for a
   * caller that has staged the folder itself, as the nightly run does.
   */
  public enum Writes { STAGED, IN_PLACE }

  /**
   * What a caller adds to the run's folder once its tables are written and before the report is, given the manifest
   * so far: the nightly run's comparison with the previous run, which the report then shows.
   */
  @FunctionalInterface
  public interface BeforeReport {
    BeforeReport NOTHING = (dir, manifest) -> { };

    void accept(Path dir, RunManifest manifest);
  }

  /** Runs the analysis with Spark: any inputs, any size, locally or on a cluster. */
  public static RunResult run(SparkSession spark, RunConfig config, Progress progress) {
    return run(spark, config, progress, Writes.STAGED);
  }

  public static RunResult run(SparkSession spark, RunConfig config, Progress progress, Writes writes) {
    return run(spark, config, progress, writes, BeforeReport.NOTHING);
  }

  public static RunResult run(SparkSession spark, RunConfig config, Progress progress, Writes writes,
      BeforeReport beforeReport) {
    try (TaskProgress tasks = new TaskProgress(spark.sparkContext(), progress)) {
      return inFolder(config, writes, dir -> runStages(new SparkEngine(spark), config, dir, progress, beforeReport));
    }
  }

  /**
   * Runs the analysis in this JVM alone, without starting Spark, with the same outputs as {@link #run}:
   * for XES and CSV logs on the local file system (see {@link #suitsLocal}).
   */
  public static RunResult runLocal(RunConfig config, Progress progress) {
    return runLocal(config, progress, Writes.STAGED);
  }

  public static RunResult runLocal(RunConfig config, Progress progress, Writes writes) {
    return runLocal(config, progress, writes, BeforeReport.NOTHING);
  }

  public static RunResult runLocal(RunConfig config, Progress progress, Writes writes, BeforeReport beforeReport) {
    String why = LocalEngine.cannotRun(InputFiles.resolve(config.sources(), new Configuration()), config.outDir());
    if (why != null) {
      throw new IllegalArgumentException("Cannot run without Spark: " + why);
    }
    return inFolder(config, writes, dir -> {
      LocalEngine engine = new LocalEngine();
      try {
        return runStages(engine, config, dir, progress, beforeReport);
      } finally {
        engine.stopWriting(); // a failed run's tables stop being written before the caller looks at its folder
      }
    });
  }

  /** Runs {@code stages} into the folder {@code writes} says, and publishes it when they have finished. */
  private static RunResult inFolder(RunConfig config, Writes writes, java.util.function.Function<Path, RunResult> stages) {
    Path out = Path.of(config.outDir()).toAbsolutePath();
    if (writes == Writes.IN_PLACE) {
      Outputs.forgetFinishedRun(out);
      return stages.apply(out);
    }
    try (RunFolder folder = RunFolder.open(out, config.inputs())) {
      RunResult result = stages.apply(folder.staging());
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

  private static RunResult runStages(Engine engine, RunConfig config, Path out, Progress progress,
      BeforeReport beforeReport) {
    Outputs outputs = new Outputs(out);
    Manifest manifest = new Manifest(config, progress);

    progress.stage("ingest", "reading " + config.inputs().size() + " input(s)");
    List<InputFile> files = InputFiles.resolve(config.sources(), engine.hadoop());
    String gzip = InputChecks.unsplittableGzip(files, engine.hadoop(), engine.cores());
    if (gzip != null) {
      progress.note(gzip);
    }
    IngestResult ingest = engine.ingest(files, out.toString(), config);
    engine.writeQuarantineCsv(outputs);
    progress.done(String.format(Locale.ROOT, "%,d events read, %,d quarantined (%.2f%%)", ingest.eventsRead(),
        ingest.quarantined(), ingest.rowsRead() == 0 ? 0.0 : 100.0 * ingest.quarantined() / ingest.rowsRead()));
    manifest.ingest(ingest, config.acceptTruncated());
    manifest.writeStitching(out.resolve("stitching.json"));
    InputChecks.afterIngest(ingest, config, out.resolve("quarantine.csv"));

    progress.stage("journeys", "cutting journeys and counting transitions");
    JourneysResult journeys = engine.journeys(ingest, config, outputs.dir("journeys"),
        manifest::eventsBeforeWindow);
    TransitionCounts counts = journeys.counts();
    progress.done(String.format(Locale.ROOT, "%,d journeys of %,d customers, cut-off %s", counts.journeys(),
        counts.customers(), journeys.cutoff()));
    manifest.journeys(journeys);
    InputChecks.afterJourneys(ingest, journeys, config, manifest);

    progress.stage("variants", "grouping journeys by touchpoint sequence");
    List<Row> variantRows = VariantRows.rows(counts.variants(), counts.journeys(), config.rules().judgesFates());
    if (variantRows == null) {
      // Too many variants for the kernel to count: the journeys table is grouped instead.
      variantRows = engine.variants(outputs.dir("journeys"), counts.journeys(), config.rules().judgesFates());
    }
    engine.writeTable(outputs.dir("variants"), OutputSchema.VARIANT, variantRows);
    long variantCount = outputs.writeVariantsCsv(variantRows);
    progress.done(String.format(Locale.ROOT, "%,d variants", variantCount));
    manifest.variants(variantCount);

    progress.stage("transitions", "turning counts into rates and rankings");
    RankedTables ranked = RankedTables.write(config, counts, outputs,
        (name, schema, rows) -> engine.writeTable(outputs.dir(name), schema, rows));
    TransitionTable table = ranked.table();
    List<RankedTransition> dropOff = ranked.dropOff();
    List<RankedTransition> repeat = ranked.repeat();
    List<RankedTransition> stall = ranked.stall();
    List<RepeatContact> contacts = ranked.contacts();
    progress.done(String.format(Locale.ROOT, "%,d transitions", table.transitions().size()));
    manifest.transitions(table.transitions().size());

    SegmentTables.Result segments = null;
    if (config.rules().segmentBy() != null) {
      progress.stage("segments", "every table per segment of " + config.rules().segmentBy() + ", and two compared");
      segments = SegmentTables.write(engine, config, counts, out, outputs.dir("journeys"));
      manifest.segments(segments);
      progress.done(String.format(Locale.ROOT, "%,d segments; %s: %,d of %,d rates differ beyond noise",
          segments.sizes().size(), segments.compared().isEmpty() ? "fewer than two to compare"
              : String.join(" against ", segments.compared()), segments.significant().size(), segments.tested()));
    }

    String around = around(config, dropOff, repeat);
    PathsAround paths = null;
    if (around != null) {
      progress.stage("paths", "the paths around " + around);
      paths = engine.paths(outputs.dir("journeys"), around);
      engine.writeTable(outputs.dir(PathRows.DIR), PathRows.SCHEMA, outputs.writePaths(PathRows.rows(paths)));
      progress.done(String.format(Locale.ROOT, "%,d journeys pass %s", paths.journeys(), around));
    }

    progress.stage("graph", "building the transition graph");
    TransitionGraph graph = TransitionGraph.of(table.transitions());
    GraphInsights insights = graph.insights(counts.touchpoints(), counts.journeys(), config.top());
    int w = config.rules().rankedWindow();
    new GraphExport(graph, w, config.rules().repeatWindows().get(w).label()).write(out, insights);
    progress.done(graph.graph().vertexSet().size() + " touchpoints, " + graph.graph().edgeSet().size() + " edges");

    engine.finishWrites();
    RunManifest snapshot = manifest.snapshot();
    beforeReport.accept(out, snapshot);
    HtmlReport.write(out, snapshot);
    manifest.write(out.resolve(RunManifest.FILE));
    return new RunResult(ingest, journeys, table, dropOff, repeat, variantCount, insights, stall, contacts,
        config.rules().rankedWindow(), segments, paths);
  }

  /**
   * The touchpoint whose paths the run shows: the run's ({@code --around}), else the one after the worst drop-off
   * (its first when that is the journey's end), else the one after the worst repeat contact; null when nothing is
   * ranked.
   */
  static String around(RunConfig config, List<RankedTransition> dropOff, List<RankedTransition> repeat) {
    if (config.around() != null) {
      return config.around();
    }
    List<RankedTransition> ranked = !dropOff.isEmpty() ? dropOff : repeat;
    if (ranked.isEmpty()) {
      return null;
    }
    var worst = ranked.get(0).transition();
    return worst.to().equals(dev.journeys.model.event.Touchpoint.END_NAME) ? worst.from() : worst.to();
  }
}
