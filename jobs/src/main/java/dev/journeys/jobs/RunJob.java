package dev.journeys.jobs;

import dev.journeys.jobs.graph.GraphExport;
import dev.journeys.jobs.ingest.EventProfile;
import dev.journeys.jobs.ingest.Ingest;
import dev.journeys.jobs.ingest.InputException;
import dev.journeys.jobs.ingest.InputFile;
import dev.journeys.jobs.ingest.InputFiles;
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

  public static Result run(SparkSession spark, RunConfig config, Progress progress) {
    try (TaskProgress tasks = new TaskProgress(spark.sparkContext(), progress)) {
      return runStages(spark, config, progress);
    }
  }

  /** Raw exports carry personal keys: pseudonymise them unless the run says not to on purpose. */
  static Ingest.Identities identities(RunConfig config) {
    if (!config.hasRawSources()) {
      return Ingest.Identities.IN_CLEAR;
    }
    return new Ingest.Identities(config.maxIdentityKeys(),
        !config.pseudonymise() ? null
            : config.secret() != null ? Pseudonymiser.of(config.secret()) : Pseudonymiser.fromEnvironment(System.getenv()));
  }

  private static Result runStages(SparkSession spark, RunConfig config, Progress progress) {
    Path out = Path.of(config.outDir()).toAbsolutePath();
    Outputs outputs = new Outputs(out);
    outputs.forgetFinishedRun();
    Manifest manifest = new Manifest(config, progress);

    progress.stage("ingest", "reading " + config.inputs().size() + " input(s)");
    List<InputFile> files = InputFiles.resolve(config.sources(), spark.sparkContext().hadoopConfiguration());
    Ingest.Result ingest = Ingest.run(spark, files, out.toString(), config.cutoff(), identities(config));
    outputs.writeQuarantineCsv(spark);
    double badShare = ingest.rowsRead() == 0 ? 0 : (double) ingest.quarantined() / ingest.rowsRead();
    progress.done(String.format(Locale.ROOT, "%,d events read, %,d quarantined (%.2f%%)", ingest.eventsRead(),
        ingest.quarantined(), 100 * badShare));
    manifest.ingest(ingest);
    manifest.writeStitching(out.resolve("stitching.json"));
    if (badShare > config.maxBadRowsShare()) {
      throw new InputException(String.format(Locale.ROOT,
          "%,d of %,d rows (%.2f%%) could not be read, more than --max-bad-rows-share %.2f%%; see %s for each row's file, line and reason",
          ingest.quarantined(), ingest.rowsRead(), 100 * badShare, 100 * config.maxBadRowsShare(),
          out.resolve("quarantine.csv")));
    }
    if (ingest.eventsRead() == 0 && ingest.filtered() > 0) {
      throw new InputException(String.format(Locale.ROOT, "No events left: all %,d were left out by --lifecycle %s "
          + "(their lifecycle:transition has another value)", ingest.filtered(),
          config.sources().stream().map(s -> s.read().lifecycle()).filter(java.util.Objects::nonNull).distinct()
              .collect(java.util.stream.Collectors.joining(", "))));
    }
    if (ingest.eventsRead() == 0) {
      throw new InputException("No events could be read from " + String.join(", ", config.inputs()));
    }

    progress.stage("journeys", "cutting journeys and counting transitions");
    Dataset<Row> events = ingest.events();
    EventProfile profile = ingest.profile();
    if (config.windowStart() != null) {
      // A nightly run looks at its trailing window only; what came before is counted, not analysed.
      Column inWindow = functions.col(EventColumns.TS).gt(functions.lit(config.windowStart()));
      manifest.count("events_before_window", events.filter(functions.not(inWindow)).count());
      events = events.filter(inWindow);
      profile = EventProfile.of(events, config.cutoff());
    }
    JourneyJob.Result journeys = JourneyJob.run(spark, events, profile, config.rules(), config.cutoff(),
        outputs.dir("journeys"), ingest.maybeClustered());
    TransitionCounts counts = journeys.counts();
    progress.done(String.format(Locale.ROOT, "%,d journeys of %,d customers, cut-off %s", counts.journeys(),
        counts.customers(), journeys.cutoff()));
    manifest.journeys(journeys);

    progress.stage("variants", "grouping journeys by touchpoint sequence");
    List<Row> variantRows = VariantJob.rows(counts.variants(), counts.journeys(), config.rules().judgesFates());
    long variantCount;
    if (variantRows != null) {
      // Counted by the kernel: the table is on the driver already, in rank order.
      spark.createDataFrame(variantRows, VariantJob.SCHEMA).coalesce(1).write().mode("overwrite")
          .parquet(outputs.dir("variants"));
      variantCount = outputs.writeVariantsCsv(variantRows);
    } else {
      // Too many variants for the kernel to count: Spark groups the journeys table.
      VariantJob.variants(spark.read().parquet(outputs.dir("journeys")), counts.journeys(),
          config.rules().judgesFates()).write().mode("overwrite").parquet(outputs.dir("variants"));
      variantCount = outputs.writeVariantsCsv(spark);
    }
    progress.done(String.format(Locale.ROOT, "%,d variants", variantCount));
    manifest.count("variants", variantCount);

    progress.stage("transitions", "turning counts into rates and rankings");
    TransitionTable table = TransitionTable.from(counts, config.rules());
    List<RankedTransition> dropOff = config.rules().judgesFates()
        ? table.rankByDropOff(config.rankBy(), config.minPassages()) : List.of();
    List<RankedTransition> repeat = table.rankByRepeatContact(config.rankBy(), config.minPassages());
    TransitionRows rows = new TransitionRows(config.rules().repeatWindows());
    outputs.writeTransitions(spark, rows, table.transitions(), dropOff, repeat);
    outputs.writeOwnerPairs(config.rules().repeatWindows(), table.ownerPairs());
    progress.done(String.format(Locale.ROOT, "%,d transitions", table.transitions().size()));
    manifest.count("transitions", table.transitions().size());

    progress.stage("graph", "building the transition graph");
    TransitionGraph graph = TransitionGraph.of(table.transitions());
    GraphInsights insights = graph.insights(counts.touchpoints(), counts.journeys(), config.top());
    int w = config.rules().rankedWindow();
    new GraphExport(graph, w, config.rules().repeatWindows().get(w).label()).write(out, insights);
    progress.done(graph.graph().vertexSet().size() + " touchpoints, " + graph.graph().edgeSet().size() + " edges");

    HtmlReport.write(out, manifest.toJson());
    manifest.write(out.resolve(Outputs.MANIFEST));
    return new Result(ingest, journeys, table, dropOff, repeat, variantCount, insights);
  }
}
