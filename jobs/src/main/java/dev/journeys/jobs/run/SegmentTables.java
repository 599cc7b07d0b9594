package dev.journeys.jobs.run;

import dev.journeys.jobs.config.RunConfig;
import dev.journeys.jobs.engine.Engine;
import dev.journeys.jobs.io.Csv;
import dev.journeys.jobs.io.OutputSchema;
import dev.journeys.jobs.io.Outputs;
import dev.journeys.jobs.io.Rate;
import dev.journeys.jobs.io.SegmentRows;
import dev.journeys.jobs.io.VariantRows;
import dev.journeys.model.journey.Fate;
import dev.journeys.model.journey.JourneyRules;
import dev.journeys.model.kernel.JourneyKernel;
import dev.journeys.model.metric.RateCount;
import dev.journeys.model.metric.RateDifference;
import dev.journeys.model.transition.Transition;
import dev.journeys.model.transition.TransitionCounts;
import dev.journeys.model.transition.TransitionTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * The tables of a run with segments ({@code --segment-by}): every table again per segment, as if the run had read
 * that segment's customers alone — CSV files in {@code segments/VALUE/} and Parquet tables in {@code segments/TABLE/}
 * whose first column is the segment — and {@code segment_changes.csv} (and {@code segment_changes/}), which compares
 * two segments' rates per transition as the nightly run compares two dates ({@link RateDifference}).
 */
public final class SegmentTables {

  /**
   * What the segments gave: customers and journeys per segment (most customers first), the two compared (empty when
   * fewer than two segments have customers), the comparisons made and those below the false discovery rate, most
   * significant first.
   */
  public record Result(String attribute, Map<String, long[]> sizes, List<String> compared, int tested,
      List<Change> significant) {}

  /** One row of {@code segment_changes.csv}. */
  public record Change(String from, String to, String rate, RateDifference difference, double q) {}

  private SegmentTables() {}

  /** Writes every segment's tables and the comparison of two; {@code journeysDir} holds the run's journeys. */
  public static Result write(Engine engine, RunConfig config, TransitionCounts counts, Path out, String journeysDir) {
    JourneyRules rules = config.rules();
    Map<String, TransitionCounts> segments = counts.segments();
    if (segments.size() > JourneyKernel.MAX_SEGMENTS) {
      throw new IllegalArgumentException("Cannot segment customers by '" + rules.segmentBy() + "': it has "
          + segments.size() + " values, more than " + JourneyKernel.MAX_SEGMENTS + "; segments compare a few groups "
          + "of customers: choose an attribute with fewer values");
    }
    Map<String, List<Row>> tables = new LinkedHashMap<>();
    Map<String, StructType> schemas = new LinkedHashMap<>();
    Map<String, TransitionTable> bySegment = new LinkedHashMap<>();
    for (Map.Entry<String, TransitionCounts> e : segments.entrySet()) {
      String segment = e.getKey();
      TransitionCounts c = e.getValue();
      Path folder = out.resolve(SegmentRows.DIR).resolve(SegmentRows.folder(segment));
      try {
        Files.createDirectories(folder);
      } catch (IOException ex) {
        throw new UncheckedIOException("Cannot write " + folder + ": " + ex.getMessage(), ex);
      }
      Outputs outputs = new Outputs(folder);
      List<Row> variants = VariantRows.rows(c.variants(), c.journeys(), rules.judgesFates());
      if (variants == null) {
        variants = engine.variants(journeysDir, c.journeys(), rules.judgesFates(), segment);
      }
      outputs.writeVariantsCsv(variants);
      add(tables, schemas, "variants", OutputSchema.VARIANT, segment, variants);

      bySegment.put(segment, RankedTables.write(config, c, outputs,
          (name, schema, rows) -> add(tables, schemas, name, schema, segment, rows)).table());
      add(tables, schemas, SegmentRows.FATES_DIR, SegmentRows.FATES, segment,
          writeFates(folder.resolve(SegmentRows.FATES_FILE), c));
    }
    for (Map.Entry<String, List<Row>> t : tables.entrySet()) {
      engine.writeTable(out.resolve(SegmentRows.DIR).resolve(t.getKey()).toString(), schemas.get(t.getKey()), t.getValue());
    }

    Map<String, long[]> sizes = new LinkedHashMap<>();
    segments.entrySet().stream()
        .sorted(Comparator.comparingLong((Map.Entry<String, TransitionCounts> e) -> -e.getValue().customers())
            .thenComparing(Map.Entry::getKey))
        .forEach(e -> sizes.put(e.getKey(), new long[] {e.getValue().customers(), e.getValue().journeys()}));
    List<String> compared = compared(config, rules.segmentBy(), sizes);
    List<Change> changes = compared.isEmpty() ? List.of()
        : changes(bySegment.get(compared.get(0)), bySegment.get(compared.get(1)), rules);
    writeChanges(engine, out, compared, changes);
    List<Change> significant = changes.stream()
        .filter(c -> c.q() < dev.journeys.jobs.report.RunComparison.FALSE_DISCOVERY_RATE).toList();
    return new Result(rules.segmentBy(), sizes, compared, changes.size(), significant);
  }

  /**
   * The two segments compared: the run's ({@code --compare}), each of which must have customers, else the two with
   * the most customers (customers without the attribute, {@link JourneyKernel#NO_SEGMENT}, only when named); none when
   * fewer than two.
   */
  static List<String> compared(RunConfig config, String attribute, Map<String, long[]> sizes) {
    if (!config.compare().isEmpty()) {
      for (String segment : config.compare()) {
        if (!sizes.containsKey(segment)) {
          throw new IllegalArgumentException("Cannot compare segment '" + segment + "' of " + attribute
              + ": no customer is in it; the segments are " + describe(sizes));
        }
      }
      return config.compare();
    }
    List<String> largest = sizes.keySet().stream().filter(s -> !s.equals(JourneyKernel.NO_SEGMENT)).limit(2).toList();
    return largest.size() == 2 ? largest : List.of();
  }

  private static String describe(Map<String, long[]> sizes) {
    List<String> parts = new ArrayList<>();
    sizes.entrySet().stream().limit(10).forEach(e -> parts.add(String.format(Locale.ROOT, "%s (%,d customers)",
        e.getKey(), e.getValue()[0])));
    return String.join(", ", parts) + (sizes.size() > 10 ? ", …" : "");
  }

  /**
   * Every transition both segments passed, per rate with a denominator in both (drop-off when fates are judged, and
   * each repeat-contact window): {@code a}'s rate against {@code b}'s, q-values across all rows; most significant
   * first (q, then p, then the larger difference).
   */
  static List<Change> changes(TransitionTable a, TransitionTable b, JourneyRules rules) {
    List<String> labels = new ArrayList<>();
    if (rules.judgesFates()) {
      labels.add(Rate.DROP_OFF.label());
    }
    rules.repeatWindows().forEach(w -> labels.add(Rate.repeatContact(w.label()).label()));
    List<String[]> keys = new ArrayList<>();
    List<RateDifference> tests = new ArrayList<>();
    for (Transition ta : a.transitions()) {
      Transition tb = b.find(ta.from(), ta.to());
      if (tb == null) {
        continue;
      }
      for (int r = 0; r < labels.size(); r++) {
        boolean dropOff = rules.judgesFates() && r == 0;
        int window = rules.judgesFates() ? r - 1 : r;
        RateCount ra = dropOff ? ta.dropOff() : ta.repeatContact().get(window);
        RateCount rb = dropOff ? tb.dropOff() : tb.repeatContact().get(window);
        if (ra == null || rb == null || ra.total() == 0 || rb.total() == 0) {
          continue;
        }
        keys.add(new String[] {ta.from(), ta.to(), labels.get(r)});
        tests.add(RateDifference.of(ra, rb));
      }
    }
    double[] q = RateDifference.qValues(tests);
    List<Change> changes = new ArrayList<>(tests.size());
    for (int i = 0; i < tests.size(); i++) {
      changes.add(new Change(keys.get(i)[0], keys.get(i)[1], keys.get(i)[2], tests.get(i), q[i]));
    }
    changes.sort(Comparator.comparingDouble(Change::q).thenComparingDouble(c -> c.difference().p())
        .thenComparingDouble(c -> -Math.abs(c.difference().difference()))
        .thenComparing(Change::from).thenComparing(Change::to).thenComparing(Change::rate));
    return changes;
  }

  private static void writeChanges(Engine engine, Path out, List<String> compared, List<Change> changes) {
    List<Row> rows = new ArrayList<>(changes.size());
    try (Csv csv = Csv.create(out.resolve(SegmentRows.CHANGES_FILE), SegmentRows.CHANGES_COLUMNS)) {
      for (Change c : changes) {
        RateDifference d = c.difference();
        List<Object> values = List.of(c.from(), c.to(), c.rate(), compared.get(0), d.a().rate(), d.a().total(),
            compared.get(1), d.b().rate(), d.b().total(), d.difference(), d.lower(), d.upper(), d.p(), c.q());
        csv.row(values);
        rows.add(RowFactory.create(values.toArray()));
      }
    }
    engine.writeTable(out.resolve(SegmentRows.CHANGES_DIR).toString(), SegmentRows.CHANGES, rows);
  }

  private static List<Row> writeFates(Path file, TransitionCounts c) {
    List<Row> rows = new ArrayList<>();
    long journeys = c.journeys();
    try (Csv csv = Csv.create(file, SegmentRows.FATES_COLUMNS)) {
      for (Fate fate : Fate.values()) {
        long n = c.journeys(fate);
        List<Object> values = List.of(fate.label(), n, journeys == 0 ? 0.0 : (double) n / journeys);
        csv.row(values);
        rows.add(RowFactory.create(values.toArray()));
      }
    }
    return rows;
  }

  /** Adds {@code rows} of {@code segment} to the table {@code name}, the segment first in each row. */
  private static void add(Map<String, List<Row>> tables, Map<String, StructType> schemas, String name,
      StructType schema, String segment, List<Row> rows) {
    schemas.computeIfAbsent(name, k -> SegmentRows.withSegment(schema));
    List<Row> all = tables.computeIfAbsent(name, k -> new ArrayList<>());
    for (Row r : rows) {
      Object[] values = new Object[r.size() + 1];
      values[0] = segment;
      for (int i = 0; i < r.size(); i++) {
        values[i + 1] = r.get(i);
      }
      all.add(RowFactory.create(values));
    }
  }
}
