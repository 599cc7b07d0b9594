package dev.journeys.jobs.engine;

import dev.journeys.jobs.io.OutputSchema;
import dev.journeys.model.event.Micros;
import dev.journeys.model.journey.JourneyRules;
import dev.journeys.model.kernel.JourneyKernel;
import java.util.Collection;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The journey kernel as both engines run it: each journey it closes becomes a row of
 * {@link OutputSchema#journey}: its stage, attributes and segment last, as the rules have them.
 */
public final class JourneyRows {

  private JourneyRows() {}

  /**
   * A kernel judging at {@code cutoffMicros} that adds each journey it closes to {@code journeys}, with the
   * (touchpoint, channel, owner) {@code combinations} declared first, so that a combination's index is its handle.
   */
  public static JourneyKernel kernel(JourneyRules rules, long cutoffMicros, String[][] combinations,
      Collection<Row> journeys) {
    boolean stages = rules.stages() != null;
    boolean attributes = rules.keepsAttributes();
    boolean segments = rules.segmentBy() != null;
    int width = OutputSchema.journey(rules).size();
    JourneyKernel kernel = new JourneyKernel(rules, cutoffMicros,
        (customer, index, caseId, start, end, fate, touchpoints, stage, values, segment) -> {
          Object[] row = new Object[width];
          row[0] = customer;
          row[1] = index;
          row[2] = caseId;
          row[3] = Micros.toInstant(start);
          row[4] = Micros.toInstant(end);
          row[5] = touchpoints.length;
          row[6] = (end - start) / 1e6;
          row[7] = fate.label();
          row[8] = touchpoints;
          int next = 9;
          if (stages) {
            row[next++] = stage;
          }
          if (attributes) {
            row[next++] = dev.journeys.jobs.io.AttributeMaps.column(values);
          }
          if (segments) {
            row[next] = segment;
          }
          journeys.add(RowFactory.create(row));
        });
    for (String[] c : combinations) {
      kernel.declare(c[0], c[1], c[2]);
    }
    return kernel;
  }
}
