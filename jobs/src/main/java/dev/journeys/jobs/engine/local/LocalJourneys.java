package dev.journeys.jobs.engine.local;

import dev.journeys.jobs.engine.JourneyRows;
import dev.journeys.jobs.engine.JourneysResult;
import dev.journeys.jobs.engine.spark.JourneyJob;
import dev.journeys.jobs.ingest.EventProfile;
import dev.journeys.jobs.io.OutputSchema;
import dev.journeys.jobs.io.ParquetTables;
import dev.journeys.jobs.io.VariantRows;
import dev.journeys.model.event.Micros;
import dev.journeys.model.journey.Fate;
import dev.journeys.model.journey.Journey;
import dev.journeys.model.journey.JourneyRules;
import dev.journeys.model.kernel.JourneyKernel;
import dev.journeys.model.variant.Variants;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;

/**
 * Builds the journeys of a small log in this JVM alone: the events sorted by customer (and case), time,
 * source order and sequence, exactly as the Spark job sorts them, streamed through the same kernel, and
 * {@code journeys/} written as one Parquet file. Nothing here needs Spark.
 */
public final class LocalJourneys {

  private static final int CUSTOMER = OutputSchema.INGESTED.fieldIndex(OutputSchema.CUSTOMER_ID);
  private static final int CASE = OutputSchema.INGESTED.fieldIndex(OutputSchema.CASE_ID);
  private static final int TS = OutputSchema.INGESTED.fieldIndex(OutputSchema.TS);
  private static final int TOUCHPOINT = OutputSchema.INGESTED.fieldIndex(OutputSchema.TOUCHPOINT);
  private static final int CHANNEL = OutputSchema.INGESTED.fieldIndex(OutputSchema.CHANNEL);
  private static final int OWNER = OutputSchema.INGESTED.fieldIndex(OutputSchema.OWNER);
  private static final int SOURCE_ORDER = OutputSchema.INGESTED.fieldIndex(OutputSchema.SOURCE_ORDER);
  private static final int SEQ = OutputSchema.INGESTED.fieldIndex(OutputSchema.SEQ);
  private static final int ASSISTED = OutputSchema.INGESTED.fieldIndex(OutputSchema.ASSISTED);
  private static final int ATTRIBUTES = OutputSchema.INGESTED.fieldIndex(OutputSchema.ATTRIBUTES);

  private LocalJourneys() {}

  /** What {@link JourneyJob#run} would return, and the journeys as rows of {@link OutputSchema#JOURNEY}. */
  public record Built(JourneysResult result, List<Row> journeys) {}

  /**
   * Builds the journeys of {@code events} (rows of {@link OutputSchema#INGESTED}, all readable) up to the
   * cut-off; {@link #write} writes them.
   */
  public static Built run(List<Row> events, EventProfile profile, JourneyRules rules, Instant cutoff) {
    Instant effectiveCutoff = JourneysResult.effectiveCutoff(profile, cutoff);
    long cutoffMicros = Micros.of(effectiveCutoff);
    String[][] combinations = profile.combinations().toArray(String[][]::new);

    List<Row> upToCutoff = new ArrayList<>(events.size());
    for (Row e : events) {
      if (Micros.of((Instant) e.get(TS)) <= cutoffMicros) {
        upToCutoff.add(e);
      }
    }
    Comparator<Row> byTime = Comparator.<Row, Instant>comparing(e -> (Instant) e.get(TS))
        .thenComparingInt(e -> e.getInt(SOURCE_ORDER)).thenComparingLong(e -> e.getLong(SEQ));
    Comparator<Row> order = Comparator.comparing((Row e) -> e.getString(CUSTOMER));
    if (rules.perCase()) {
      order = order.thenComparing(e -> e.getString(CASE), Comparator.nullsFirst(Comparator.naturalOrder()));
    }
    upToCutoff.sort(order.thenComparing(byTime));

    ArrayDeque<Row> journeys = new ArrayDeque<>();
    JourneyKernel kernel = JourneyRows.kernel(rules, cutoffMicros, combinations, journeys);
    for (Row e : upToCutoff) {
      kernel.add(e.getString(CUSTOMER), rules.perCase() ? e.getString(CASE) : null, Micros.of((Instant) e.get(TS)),
          e.getString(TOUCHPOINT), e.getString(CHANNEL), e.getString(OWNER),
          !e.isNullAt(ASSISTED) && e.getBoolean(ASSISTED),
          rules.keepsAttributes() ? dev.journeys.jobs.io.AttributeMaps.of(e.get(ATTRIBUTES)) : null);
    }
    kernel.flush();
    return new Built(new JourneysResult(effectiveCutoff, profile.first(), profile.last(), profile.afterCutoff(),
        kernel.counts(), JourneysResult.IN_MEMORY), new ArrayList<>(journeys));
  }

  /** Writes {@code journeys} (rows of {@link OutputSchema#JOURNEY}) to {@code journeysDir}, as the Spark job would. */
  public static void write(Configuration conf, String journeysDir, List<Row> journeys, JourneyRules rules) {
    ParquetTables.write(conf, journeysDir, OutputSchema.journey(rules), journeys.iterator());
  }

  /** The paths around {@code touchpoint} of {@code journeys} (rows of {@link OutputSchema#journey}). */
  public static dev.journeys.model.path.PathsAround paths(List<Row> journeys, String touchpoint) {
    dev.journeys.model.path.PathsAround paths = new dev.journeys.model.path.PathsAround(touchpoint);
    for (Row r : journeys) {
      paths.add(java.util.Arrays.asList((String[]) r.get(8)), Fate.of(r.getString(7)));
    }
    return paths;
  }

  /** The variant table of {@code journeys} (rows of {@link OutputSchema#JOURNEY}), in rank order. */
  public static List<Row> variants(List<Row> journeys, boolean judgesFates) {
    Map<String, Fate> fates = new HashMap<>();
    for (Fate f : Fate.values()) {
      fates.put(f.label(), f);
    }
    List<Journey> all = new ArrayList<>(journeys.size());
    for (Row r : journeys) {
      all.add(new Journey(r.getString(0), r.getInt(1), r.getString(2), (Instant) r.get(3), (Instant) r.get(4),
          fates.get(r.getString(7)), java.util.Arrays.asList((String[]) r.get(8))));
    }
    return VariantRows.rows(Variants.of(all, judgesFates));
  }
}
