package dev.journeys.jobs.engine.spark;

import dev.journeys.jobs.config.RunConfig;
import dev.journeys.jobs.engine.Engine;
import dev.journeys.jobs.engine.IngestResult;
import dev.journeys.jobs.engine.JourneysResult;
import dev.journeys.jobs.ingest.EventProfile;
import dev.journeys.jobs.ingest.InputFile;
import dev.journeys.jobs.io.HadoopFiles;
import dev.journeys.jobs.io.OutputSchema;
import dev.journeys.jobs.io.Outputs;
import java.util.List;
import java.util.function.LongConsumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The Spark engine: any inputs, any size, embedded or on a cluster. Parquet that lies clustered by customer is
 * read, checked and cut into journeys in one pass ({@link ParquetStream}); other inputs are ingested into
 * {@code events/} ({@link Ingest}) and their journeys built by {@link JourneyJob}, streamed file by file when the
 * events lie clustered, shuffled by customer otherwise.
 */
public final class SparkEngine implements Engine {
  private final SparkSession spark;
  /** The events ingest read; null when their journeys were streamed with ingest. */
  private Dataset<Row> events;
  /** The journeys when they were streamed with ingest; null when they are still to be built. */
  private JourneysResult streamed;
  /** Why the events are known not to lie clustered by customer; null while they may. */
  private String notClustered;

  public SparkEngine(SparkSession spark) {
    this.spark = spark;
  }

  @Override
  public int cores() {
    return spark.sparkContext().defaultParallelism();
  }

  @Override
  public Configuration hadoop() {
    return spark.sparkContext().hadoopConfiguration();
  }

  @Override
  public IngestResult ingest(List<InputFile> files, String out, RunConfig config) {
    if (config.windowStart() == null && ParquetStream.applies(files, config.rules())) {
      // Parquet that lies clustered by customer is read, checked, counted and cut into journeys in one pass.
      ParquetStream.Attempt attempt = ParquetStream.tryRun(spark, files, out, config.rules(), config.cutoff());
      if (attempt.streamed().isPresent()) {
        streamed = attempt.streamed().get().journeys();
        return attempt.streamed().get().ingest();
      }
      notClustered = attempt.notClustered() ? attempt.whyNot() : null;
    }
    Ingest.Read read = Ingest.run(spark, files, out, config.cutoff(), config.identities());
    events = read.events();
    return read.result();
  }

  @Override
  public void writeQuarantineCsv(Outputs outputs) {
    String quarantine = outputs.dir("quarantine");
    if (!HadoopFiles.exists(HadoopFiles.fileSystem(hadoop(), quarantine), quarantine)) {
      outputs.writeQuarantineCsv(java.util.Collections.emptyIterator());
    } else {
      outputs.writeQuarantineCsv(spark.read().parquet(quarantine)
          .select(OutputSchema.QUARANTINE_CSV.stream().map(functions::col).toArray(Column[]::new))
          .orderBy(OutputSchema.FILE, OutputSchema.LINE).toLocalIterator());
    }
    String unattributed = outputs.dir("unattributed");
    if (HadoopFiles.exists(HadoopFiles.fileSystem(hadoop(), unattributed), unattributed)) {
      outputs.writeUnattributedCsv(spark.read().parquet(unattributed)
          .orderBy(OutputSchema.FILE, OutputSchema.LINE).toLocalIterator());
    }
  }

  @Override
  public JourneysResult journeys(IngestResult ingest, RunConfig config, String journeysDir,
      LongConsumer eventsBeforeWindow) {
    if (streamed != null) {
      return streamed;
    }
    Dataset<Row> analysed = events;
    EventProfile profile = ingest.profile();
    if (config.windowStart() != null) {
      // A nightly run looks at its trailing window only; what came before is counted, not analysed.
      Column inWindow = functions.col(OutputSchema.TS).gt(functions.lit(config.windowStart()));
      eventsBeforeWindow.accept(events.filter(functions.not(inWindow)).count());
      analysed = events.filter(inWindow);
      profile = SparkProfile.of(analysed, config.cutoff());
    }
    return JourneyJob.run(spark, analysed, profile, config.rules(), config.cutoff(), journeysDir,
        notClustered != null ? notClustered
            : ingest.maybeClustered() ? null : "events parsed from XES or CSV logs are not clustered by customer");
  }

  @Override
  public dev.journeys.model.path.PathsAround paths(String journeysDir, String touchpoint) {
    spark.sparkContext().setJobDescription("paths: the journeys around " + touchpoint);
    dev.journeys.model.path.PathsAround paths = spark.read().parquet(journeysDir)
        .filter(functions.array_contains(functions.col(OutputSchema.TOUCHPOINTS), touchpoint))
        .select(OutputSchema.TOUCHPOINTS, OutputSchema.FATE).javaRDD()
        .mapPartitions(rows -> {
          dev.journeys.model.path.PathsAround part = new dev.journeys.model.path.PathsAround(touchpoint);
          rows.forEachRemaining(r -> part.add(r.getList(0), dev.journeys.model.journey.Fate.of(r.getString(1))));
          return List.of(part).iterator();
        })
        .fold(new dev.journeys.model.path.PathsAround(touchpoint), (a, b) -> {
          a.merge(b);
          return a;
        });
    spark.sparkContext().setJobDescription(null);
    return paths;
  }

  @Override
  public List<Row> variants(String journeysDir, long journeys, boolean judgesFates, String segment) {
    Dataset<Row> all = spark.read().parquet(journeysDir);
    return VariantJob.variants(segment == null ? all
        : all.filter(functions.col(OutputSchema.SEGMENT).equalTo(segment)), journeys, judgesFates).collectAsList();
  }
}
