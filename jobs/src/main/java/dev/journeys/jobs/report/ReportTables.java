package dev.journeys.jobs.report;

import dev.journeys.jobs.io.OutputSchema;
import dev.journeys.jobs.io.ConversionRows;
import dev.journeys.jobs.io.Rate;
import dev.journeys.jobs.io.RepeatContactRows;
import dev.journeys.jobs.io.StageRows;
import dev.journeys.jobs.io.TableReader;
import dev.journeys.jobs.io.TransitionRecord;
import dev.journeys.model.metric.GapBuckets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * What the report shows of a run's tables, read from {@code transitions/}, {@code variants/} and {@code handoffs/}
 * and streamed, so that tables of millions of rows are never held: the ranked transitions, the largest hand-offs,
 * the transitions of most passages for the chart, the points of the variant coverage curve, the owner pairs.
 */
record ReportTables(List<TransitionRecord> transitions, List<double[]> coverage, List<TransitionRecord> ownerPairs,
    List<StageLink> stages, List<RankedContact> contacts, List<Conversion> conversions,
    List<SegmentChange> segmentChanges, List<PathRow> paths) {

  /** A row of {@code paths/}: one path of one side around the touchpoint. */
  record PathRow(String around, String side, Integer rank, String path, long journeys, Double share,
      Double convertedShare, Double droppedShare) {}

  /** A row of {@code segment_changes/}: one rate of one transition, segment a against segment b. */
  record SegmentChange(String from, String to, String rate, String a, Double rateA, long denominatorA, String b,
      Double rateB, long denominatorB, double difference, double lower, double upper, double q) {}

  /** A goal's converted journeys and their time to convert (its quantiles and journeys per bucket). */
  record Conversion(String goal, long journeys, Double medianSeconds, Double p90Seconds, Double p99Seconds,
      long[] buckets) {}

  /** A stage passage, with its stall rate and its repeat-contact rate in the ranked window. */
  record StageLink(String from, String to, long passages, long customers, Double medianGapSeconds, Double stall,
      Double stallLower, Double stallUpper, Long stallDecided, Double repeat, Double repeatLower, Double repeatUpper,
      Long repeatDecided, Integer stallRank) {}

  /** A row of {@code repeat_contacts/} in the ranked window. */
  record ContactRow(String trigger, String repeat, long contacts, long repeats, Double rate, Double lower,
      Double upper, Double medianSeconds, String triggerOwner, String stepsBetween, Integer rank) {}

  /** A ranked trigger's total row and the row of its most frequent repeat (null without repeats). */
  record RankedContact(ContactRow total, ContactRow next) {}

  /** The tables list at most this many rows. */
  static final int ROWS = 20;
  /** The chart draws at most this many transitions, those of most passages: a force layout of more is a blur. */
  static final int CHART_TRANSITIONS = 300;
  /** The coverage curve keeps every variant up to this rank, and log-spaced ranks after it. */
  static final int COVERAGE_EXACT = 1_000;

  static final Comparator<TransitionRecord> BY_PASSAGES = Comparator.comparingLong(TransitionRecord::passages)
      .thenComparing(TransitionRecord::from, Comparator.reverseOrder())
      .thenComparing(TransitionRecord::to, Comparator.reverseOrder());

  /** What the report shows of the run in {@code run}, whose tables rank repeat contacts within {@code window}. */
  static ReportTables read(Path run, String window) {
    Set<String> shown = Set.of(Rate.DROP_OFF.label(), Rate.repeatContact(window).label());
    List<TransitionRecord> ownerPairs = new ArrayList<>();
    if (TableReader.exists(run.resolve("handoffs"))) {
      TransitionRecord.forEach(run.resolve("handoffs"), shown::contains, ownerPairs::add);
    }
    return new ReportTables(drawnTransitions(run.resolve("transitions"), shown),
        coveragePoints(run.resolve("variants")), ownerPairs, stages(run.resolve(StageRows.DIR), window),
        contacts(run.resolve(RepeatContactRows.DIR), window), conversions(run.resolve(ConversionRows.DIR)),
        segmentChanges(run.resolve(dev.journeys.jobs.io.SegmentRows.CHANGES_DIR)),
        paths(run.resolve(dev.journeys.jobs.io.PathRows.DIR)));
  }

  /** Every row of the paths around the run's touchpoint (a few dozen), or none. */
  static List<PathRow> paths(Path table) {
    List<PathRow> rows = new ArrayList<>();
    if (TableReader.exists(table)) {
      TableReader.forEach(table, row -> rows.add(new PathRow(row.string("around"), row.string("side"),
          row.intValue(dev.journeys.jobs.io.OutputSchema.RANK), row.string("path"),
          row.longValue(dev.journeys.jobs.io.OutputSchema.JOURNEYS), row.doubleValue(dev.journeys.jobs.io.OutputSchema.SHARE),
          row.doubleValue("converted_share"), row.doubleValue("dropped_share"))));
    }
    return rows;
  }

  /** The first {@link #ROWS} rows of the comparison of two segments (most significant first), or none. */
  static List<SegmentChange> segmentChanges(Path table) {
    List<SegmentChange> rows = new ArrayList<>();
    if (!TableReader.exists(table)) {
      return rows;
    }
    TableReader.forEach(table, row -> {
      if (rows.size() < ROWS) {
        rows.add(new SegmentChange(row.string("from"), row.string("to"), row.string("rate"), row.string("a"),
            row.doubleValue("rate_a"), row.longValue("denominator_a"), row.string("b"), row.doubleValue("rate_b"),
            row.longValue("denominator_b"), row.doubleValue("difference"), row.doubleValue("difference_lower"),
            row.doubleValue("difference_upper"), row.doubleValue("q")));
      }
    });
    return rows;
  }

  /** Every goal reached (goals are few), or none when fates were not judged. */
  static List<Conversion> conversions(Path table) {
    List<Conversion> goals = new ArrayList<>();
    if (!TableReader.exists(table)) {
      return goals;
    }
    TableReader.forEach(table, row -> {
      long[] buckets = new long[GapBuckets.COUNT];
      for (int i = 0; i < buckets.length; i++) {
        Long n = row.longValue(ConversionRows.BUCKET_PREFIX + GapBuckets.LABELS.get(i));
        buckets[i] = n == null ? 0 : n;
      }
      goals.add(new Conversion(row.string("goal"), row.longValue("journeys"), row.doubleValue("median_seconds"),
          row.doubleValue("p90_seconds"), row.doubleValue("p99_seconds"), buckets));
    });
    goals.sort(Comparator.comparingLong(Conversion::journeys).reversed().thenComparing(Conversion::goal));
    return goals;
  }

  /** Every stage passage (a handful: stages are few), or none without stages. */
  static List<StageLink> stages(Path table, String window) {
    List<StageLink> links = new ArrayList<>();
    if (!TableReader.exists(table)) {
      return links;
    }
    Rate stall = StageRows.STALL;
    Rate repeat = Rate.repeatContact(window);
    TableReader.forEach(table, row -> links.add(new StageLink(row.string(StageRows.FROM_STAGE),
        row.string(StageRows.TO_STAGE), row.longValue(OutputSchema.PASSAGES), row.longValue(OutputSchema.CUSTOMERS),
        row.doubleValue(OutputSchema.MEDIAN_GAP_SECONDS), row.doubleValue(stall.rate()),
        row.doubleValue(stall.lower()), row.doubleValue(stall.upper()), row.longValue(stall.decided()),
        row.doubleValue(repeat.rate()), row.doubleValue(repeat.lower()), row.doubleValue(repeat.upper()),
        row.longValue(repeat.decided()), row.intValue(StageRows.STALL_RANK))));
    links.sort(Comparator.comparingLong(StageLink::passages).reversed().thenComparing(StageLink::from)
        .thenComparing(StageLink::to));
    return links;
  }

  /** The ranked triggers of {@code window} (at most {@link #ROWS}) and each one's most frequent repeat. */
  static List<RankedContact> contacts(Path table, String window) {
    List<ContactRow> rows = new ArrayList<>();
    if (!TableReader.exists(table)) {
      return List.of();
    }
    java.util.Map<String, ContactRow> firstRepeat = new java.util.HashMap<>();
    TableReader.forEach(table, row -> {
      if (!window.equals(row.string("window"))) {
        return;
      }
      ContactRow c = new ContactRow(row.string("trigger"), row.string("repeat"), row.longValue("contacts"),
          row.longValue("repeats"), row.doubleValue("rate"), row.doubleValue("lower"), row.doubleValue("upper"),
          row.doubleValue("median_seconds_to_repeat"), row.string("trigger_owner"), row.string("steps_between"),
          row.intValue("rank"));
      if (c.repeat() == null) {
        if (c.rank() != null && c.rank() <= ROWS) {
          rows.add(c);
        }
      } else {
        firstRepeat.merge(c.trigger(), c, (a, b) -> b.repeats() > a.repeats() ? b : a);
      }
    });
    rows.sort(Comparator.comparingInt(ContactRow::rank));
    return rows.stream().map(total -> new RankedContact(total, firstRepeat.get(total.trigger()))).toList();
  }

  /** The transitions the report shows, most passages first, with the rates it shows. */
  static List<TransitionRecord> drawnTransitions(Path table, Set<String> rates) {
    PriorityQueue<TransitionRecord> busiest = new PriorityQueue<>(BY_PASSAGES);
    PriorityQueue<TransitionRecord> handoffs = new PriorityQueue<>(BY_PASSAGES);
    Set<TransitionRecord> keep = Collections.newSetFromMap(new IdentityHashMap<>());
    TransitionRecord.forEach(table, rates::contains, r -> {
      if (ranked(r.dropOffRank()) || ranked(r.repeatContactRank())) {
        keep.add(r);
      }
      bounded(busiest, r, CHART_TRANSITIONS);
      if (r.handoffShare() != null && r.handoffShare() > 0) {
        bounded(handoffs, r, ROWS);
      }
    });
    keep.addAll(busiest);
    keep.addAll(handoffs);
    List<TransitionRecord> rows = new ArrayList<>(keep);
    rows.sort(BY_PASSAGES.reversed());
    return rows;
  }

  private static boolean ranked(Integer rank) {
    return rank != null && rank <= ROWS;
  }

  private static void bounded(PriorityQueue<TransitionRecord> top, TransitionRecord r, int size) {
    top.add(r);
    if (top.size() > size) {
      top.poll();
    }
  }

  /** (rank, cumulative share): every rank up to {@link #COVERAGE_EXACT}, then ranks 1% apart, and the last. */
  static List<double[]> coveragePoints(Path table) {
    List<double[]> points = new ArrayList<>();
    double[] next = {COVERAGE_EXACT};
    double[][] lastSkipped = {null};
    TableReader.forEach(table, Set.of(OutputSchema.RANK, OutputSchema.CUMULATIVE_SHARE)::contains, row -> {
      int rank = row.intValue(OutputSchema.RANK);
      double[] point = {rank, row.doubleValue(OutputSchema.CUMULATIVE_SHARE)};
      if (rank <= COVERAGE_EXACT || rank >= next[0]) {
        points.add(point);
        if (rank > COVERAGE_EXACT) {
          next[0] = Math.max(rank + 1, next[0] * 1.01);
        }
        lastSkipped[0] = null;
      } else {
        lastSkipped[0] = point;
      }
    });
    if (lastSkipped[0] != null) {
      points.add(lastSkipped[0]);
    }
    return points;
  }
}
