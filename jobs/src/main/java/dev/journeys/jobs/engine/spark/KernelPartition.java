package dev.journeys.jobs.engine.spark;

import dev.journeys.jobs.engine.JourneyRows;
import dev.journeys.model.journey.JourneyRules;
import dev.journeys.model.kernel.JourneyKernel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * Streams one partition's events (grouped by customer, ordered inside) through the kernel, emits a
 * row per journey as it closes, and hands the partition's transition counts to the accumulator.
 * Input columns: customer_id, case_id, ts in microseconds, touchpoint combination id, assisted, source order,
 * sequence, customer hash; the
 * combinations (touchpoint, channel, owner) are declared to the kernel first, so ids are its handles.
 */
final class KernelPartition implements MapPartitionsFunction<Row, Row> {

  private final JourneyRules rules;
  private final long cutoffMicros;
  private final TransitionCountsAccumulator counts;
  private final String[][] combinations;

  KernelPartition(JourneyRules rules, long cutoffMicros, TransitionCountsAccumulator counts, String[][] combinations) {
    this.rules = rules;
    this.cutoffMicros = cutoffMicros;
    this.counts = counts;
    this.combinations = combinations;
  }

  /** A kernel that adds each journey it closes to {@code journeys} as a row, with the combinations declared. */
  JourneyKernel kernel(ArrayDeque<Row> journeys) {
    return JourneyRows.kernel(rules, cutoffMicros, combinations, journeys);
  }

  /** The accumulator each task hands its counts to. */
  TransitionCountsAccumulator counts() {
    return counts;
  }

  /** The cut-off the kernel judges at, in microseconds. */
  long cutoffMicros() {
    return cutoffMicros;
  }

  /** The declared (touchpoint, channel, owner) combinations; a combination's index is its handle. */
  String[][] combinations() {
    return combinations;
  }

  /**
   * Input rows sorted by customer hash (column 7) alone: each customer's rows together, and two customers apart by 8
   * bytes instead of their ids. Each hash's rows are put in order here, a few rows at a time: by customer (customers
   * whose ids share a hash one after another, in the order of their ids), per case by case, then by time, source
   * order and sequence: the order a sort of the whole partition by these would have given.
   */
  @Override
  public Iterator<Row> call(Iterator<Row> events) {
    ArrayDeque<Row> journeys = new ArrayDeque<>();
    JourneyKernel kernel = kernel(journeys);
    boolean perCase = rules.perCase();
    return new Iterator<>() {
      private final ArrayList<Row> group = new ArrayList<>();
      private Row next = events.hasNext() ? events.next() : null;
      private boolean finished;

      @Override
      public boolean hasNext() {
        while (journeys.isEmpty() && !finished) {
          if (next != null) {
            feed(nextGroup());
          } else {
            kernel.flush();
            counts.add(kernel.counts());
            finished = true;
          }
        }
        return !journeys.isEmpty();
      }

      /** The rows of the next customer hash, in customer (and case) order. */
      private List<Row> nextGroup() {
        group.clear();
        long hash = next.getLong(7);
        boolean ordered = true;
        do {
          if (!group.isEmpty()) {
            ordered &= inOrder(group.get(group.size() - 1), next);
          }
          group.add(next);
          next = events.hasNext() ? events.next() : null;
        } while (next != null && next.getLong(7) == hash);
        if (!ordered) {
          group.sort(perCase ? PER_CASE : PER_CUSTOMER);
        }
        return group;
      }

      private boolean inOrder(Row before, Row after) {
        return (perCase ? PER_CASE : PER_CUSTOMER).compare(before, after) <= 0;
      }

      private void feed(List<Row> rows) {
        for (Row e : rows) {
          kernel.add(e.getString(0), e.getString(1), e.getLong(2), e.getInt(3), !e.isNullAt(4) && e.getBoolean(4));
        }
      }

      @Override
      public Row next() {
        hasNext();
        return journeys.poll();
      }
    };
  }

  private static final Comparator<Row> BY_TIME = Comparator.<Row>comparingLong(e -> e.getLong(2))
      .thenComparingInt(e -> e.getInt(5)).thenComparingLong(e -> e.getLong(6));
  private static final Comparator<Row> PER_CUSTOMER = Comparator.<Row, String>comparing(e -> e.getString(0))
      .thenComparing(BY_TIME);
  private static final Comparator<Row> PER_CASE = Comparator.<Row, String>comparing(e -> e.getString(0))
      .thenComparing(e -> e.getString(1), Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(BY_TIME);
}
