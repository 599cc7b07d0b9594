package dev.journeys.jobs.engine;

import dev.journeys.model.event.Micros;
import dev.journeys.model.journey.JourneyRules;
import dev.journeys.model.kernel.JourneyKernel;
import java.util.Collection;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The journey kernel as both engines run it: each journey it closes becomes a row of
 * {@link OutputSchema#journey}: its stage last when the rules have stages.
 */
public final class JourneyRows {

  private JourneyRows() {}

  /**
   * A kernel judging at {@code cutoffMicros} that adds each journey it closes to {@code journeys}, with the
   * (touchpoint, channel, owner) {@code combinations} declared first, so that a combination's index is its handle.
   */
  public static JourneyKernel kernel(JourneyRules rules, long cutoffMicros, String[][] combinations,
      Collection<Row> journeys) {
    JourneyKernel kernel = new JourneyKernel(rules, cutoffMicros,
        (customer, index, caseId, start, end, fate, touchpoints, stage) -> journeys.add(stage == null
            ? RowFactory.create(customer, index, caseId, Micros.toInstant(start), Micros.toInstant(end),
                touchpoints.length, (end - start) / 1e6, fate.label(), touchpoints)
            : RowFactory.create(customer, index, caseId, Micros.toInstant(start), Micros.toInstant(end),
                touchpoints.length, (end - start) / 1e6, fate.label(), touchpoints, stage)));
    for (String[] c : combinations) {
      kernel.declare(c[0], c[1], c[2]);
    }
    return kernel;
  }
}
