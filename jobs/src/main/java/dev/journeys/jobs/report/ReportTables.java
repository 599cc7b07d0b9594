package dev.journeys.jobs.report;

import dev.journeys.jobs.io.OutputSchema;
import dev.journeys.jobs.io.Rate;
import dev.journeys.jobs.io.TableReader;
import dev.journeys.jobs.io.TransitionRecord;
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
record ReportTables(List<TransitionRecord> transitions, List<double[]> coverage, List<TransitionRecord> ownerPairs) {

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
        coveragePoints(run.resolve("variants")), ownerPairs);
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
