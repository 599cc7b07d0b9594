package dev.journeys.jobs.engine.spark;

import dev.journeys.jobs.engine.JourneyRows;
import dev.journeys.model.journey.JourneyRules;
import dev.journeys.model.kernel.JourneyKernel;
import java.util.ArrayDeque;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * Streams one partition's events (grouped by customer, ordered inside) through the kernel, emits a
 * row per journey as it closes, and hands the partition's transition counts to the accumulator.
 * Input columns: customer_id, case_id, ts in microseconds, touchpoint combination id, assisted; the
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

  @Override
  public Iterator<Row> call(Iterator<Row> events) {
    ArrayDeque<Row> journeys = new ArrayDeque<>();
    JourneyKernel kernel = kernel(journeys);
    return new Iterator<>() {
      private boolean finished;

      @Override
      public boolean hasNext() {
        while (journeys.isEmpty() && !finished) {
          if (events.hasNext()) {
            Row e = events.next();
            kernel.add(e.getString(0), e.getString(1), e.getLong(2), e.getInt(3), !e.isNullAt(4) && e.getBoolean(4));
          } else {
            kernel.flush();
            counts.add(kernel.counts());
            finished = true;
          }
        }
        return !journeys.isEmpty();
      }

      @Override
      public Row next() {
        hasNext();
        return journeys.poll();
      }
    };
  }
}
