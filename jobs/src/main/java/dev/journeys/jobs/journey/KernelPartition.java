package dev.journeys.jobs.journey;

import dev.journeys.model.event.Micros;
import dev.journeys.model.journey.JourneyKernel;
import dev.journeys.model.journey.JourneyRules;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Streams one partition's events (grouped by customer, ordered inside) through the kernel, emits a
 * row per journey as it closes, and hands the partition's transition counts to the accumulator.
 * Input columns: customer_id, case_id, ts, touchpoint, channel, owner, assisted.
 */
final class KernelPartition implements MapPartitionsFunction<Row, Row> {

  private final JourneyRules rules;
  private final long cutoffMicros;
  private final TransitionCountsAccumulator counts;

  KernelPartition(JourneyRules rules, long cutoffMicros, TransitionCountsAccumulator counts) {
    this.rules = rules;
    this.cutoffMicros = cutoffMicros;
    this.counts = counts;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> events) {
    ArrayDeque<Row> journeys = new ArrayDeque<>();
    JourneyKernel kernel = new JourneyKernel(rules, cutoffMicros,
        (customer, index, caseId, start, end, fate, touchpoints) -> journeys.add(RowFactory.create(
            customer, index, caseId, Micros.toInstant(start), Micros.toInstant(end), touchpoints.length,
            (end - start) / 1e6, fate.label(), touchpoints)));
    return new Iterator<>() {
      private boolean finished;

      @Override
      public boolean hasNext() {
        while (journeys.isEmpty() && !finished) {
          if (events.hasNext()) {
            Row e = events.next();
            kernel.add(e.getString(0), e.getString(1), Micros.of((Instant) e.get(2)), e.getString(3),
                e.getString(4), e.getString(5), !e.isNullAt(6) && e.getBoolean(6));
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
