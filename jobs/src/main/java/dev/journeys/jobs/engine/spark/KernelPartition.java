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
   * Input rows sorted by customer hash (column 7), then time, source order and sequence: each customer's rows
   * together, in the order the kernel needs, and two customers apart by 8 bytes instead of their ids. Customers whose
   * ids share a hash (or, for journeys per case, the cases of one customer) come out one after another, in the order
   * of their ids, each in time order: the order a sort by id would have given.
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
          group.sort(BY_CUSTOMER_AND_CASE);
        }
        return group;
      }

      private boolean inOrder(Row before, Row after) {
        int c = before.getString(0).compareTo(after.getString(0));
        return c < 0 || c == 0 && (!perCase || BY_CASE.compare(before, after) <= 0);
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

  private static final Comparator<Row> BY_CASE = Comparator.comparing((Row e) -> e.getString(1),
      Comparator.nullsFirst(Comparator.naturalOrder()));
  /** A stable sort by it keeps each customer's (and case's) rows in time order. */
  private static final Comparator<Row> BY_CUSTOMER_AND_CASE = Comparator.comparing((Row e) -> e.getString(0))
      .thenComparing(BY_CASE);
}
