package dev.journeys.jobs.engine.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import dev.journeys.jobs.engine.IngestResult;
import dev.journeys.jobs.engine.JourneysResult;
import dev.journeys.jobs.ingest.EventProfile;
import dev.journeys.jobs.ingest.InputFile;
import dev.journeys.jobs.io.OutputSchema;
import dev.journeys.model.event.Micros;
import dev.journeys.model.journey.JourneyRules;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest and journeys of Parquet inputs in one pass, when the events lie clustered by customer: instead
 * of profiling the events first (a scan and an aggregate over every string) and then streaming them,
 * the stream itself counts what the profile would (events, unreadable rows, events after the cut-off,
 * first and last time) and declares each touchpoint combination the first time it meets it. Only the
 * cut-off must be known before: given, or the latest time in the files (one column read); it is checked
 * against the latest readable event afterwards.
 *
 * <p>When the events turn out not to be clustered, or an unreadable row held the latest time, nothing
 * is returned and the run takes the usual way: ingest, then journeys.
 */
public final class ParquetStream {

  private static final Logger LOG = LoggerFactory.getLogger(ParquetStream.class);

  /** What one pass gave: ingest's figures and the journeys, as {@link Ingest#run} and {@link JourneyJob#run} would. */
  public record Streamed(IngestResult ingest, JourneysResult journeys) {}

  /** What trying gave: the result, or why not and whether the events are known not to be clustered. */
  public record Attempt(Optional<Streamed> streamed, String whyNot, boolean notClustered) {}

  private ParquetStream() {}

  /** Whether the inputs may take this way: Parquet only, journeys per customer, no window. */
  public static boolean applies(List<InputFile> inputs, JourneyRules rules) {
    return !inputs.isEmpty() && !rules.perCase()
        && inputs.stream().allMatch(f -> f.format() == InputFile.Format.PARQUET);
  }

  /** Reads and streams {@code inputs}; {@code cutoff} null means the latest event. Writes journeys/ and quarantine/. */
  public static Attempt tryRun(SparkSession spark, List<InputFile> inputs, String outDir, JourneyRules rules,
      Instant cutoff) {
    Ingest.clear(spark, outDir);
    Dataset<Row> checked = null;
    for (InputFile input : inputs) {
      Dataset<Row> one = ParquetInput.read(spark, input);
      checked = checked == null ? one : checked.unionByName(one);
    }
    Instant effective = cutoff;
    if (effective == null) {
      effective = FooterTimes.latest(spark.sparkContext().hadoopConfiguration(), inputs).orElse(null);
    }
    if (effective == null) {
      // No usable statistics in the files' footers: one query over the time column.
      spark.sparkContext().setJobDescription("ingest: the latest time in " + inputs.size() + " Parquet input(s)");
      Row latest = checked.agg(max(col(OutputSchema.TS))).first();
      if (latest.isNullAt(0)) {
        return new Attempt(Optional.empty(), "no row has a time", false);
      }
      effective = (Instant) latest.get(0);
    }
    TransitionCountsAccumulator counts = new TransitionCountsAccumulator(rules.repeatWindows().size());
    spark.sparkContext().register(counts, "transition counts, streamed with ingest");
    KernelPartition kernel = new KernelPartition(rules, Micros.of(effective), counts, new String[0][]);
    ClusteredJourneys.Outcome outcome = ClusteredJourneys.stream(spark, checked,
        col(OutputSchema.STATUS).equalTo("ok"), kernel, outDir + "/journeys");
    spark.sparkContext().setJobDescription(null);
    if (outcome.shuffleReason().isPresent()) {
      return new Attempt(Optional.empty(), outcome.shuffleReason().get(), true);
    }
    if (outcome.events() == 0) {
      return new Attempt(Optional.empty(), "no readable event", false);
    }
    if (cutoff == null && outcome.lastTs() != Micros.of(effective)) {
      // An unreadable row held the latest time: the journeys were judged at the wrong cut-off.
      return new Attempt(Optional.empty(), "an unreadable row holds the latest time", false);
    }
    EventProfile profile = new EventProfile(List.of(), Micros.toInstant(outcome.firstTs()),
        Micros.toInstant(outcome.lastTs()), outcome.events(), outcome.late());
    JourneysResult.effectiveCutoff(profile, cutoff);
    long unreadable = outcome.unreadable();
    if (unreadable > 0) {
      spark.sparkContext().setJobDescription("ingest: copy unreadable Parquet rows to quarantine/");
      ParquetInput.writeQuarantined(checked, outDir);
      spark.sparkContext().setJobDescription(null);
    }
    IngestResult ingest = new IngestResult(profile, outcome.events() + unreadable, outcome.events(),
        unreadable, 0, inputs, null);
    LOG.info("Read and streamed {} events ({} unreadable rows) clustered by customer in one pass",
        outcome.events(), unreadable);
    return new Attempt(Optional.of(new Streamed(ingest, new JourneysResult(effective, profile.first(),
        profile.last(), profile.afterCutoff(), counts.value(), JourneysResult.STREAMED))), null, false);
  }
}
