package dev.journeys.jobs.engine;

import dev.journeys.jobs.io.OutputSchema;
import dev.journeys.model.event.Micros;
import dev.journeys.model.journey.JourneyRules;
import dev.journeys.model.kernel.JourneyKernel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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
    JourneyKernel kernel = new JourneyKernel(rules, cutoffMicros,
        (customer, index, caseId, start, end, fate, touchpoints, stage, values, segment) -> {
          List<Object> row = new ArrayList<>(12);
          row.add(customer);
          row.add(index);
          row.add(caseId);
          row.add(Micros.toInstant(start));
          row.add(Micros.toInstant(end));
          row.add(touchpoints.length);
          row.add((end - start) / 1e6);
          row.add(fate.label());
          row.add(touchpoints);
          if (stages) {
            row.add(stage);
          }
          if (attributes) {
            row.add(dev.journeys.jobs.io.AttributeMaps.column(values));
          }
          if (segments) {
            row.add(segment);
          }
          journeys.add(RowFactory.create(row.toArray()));
        });
    for (String[] c : combinations) {
      kernel.declare(c[0], c[1], c[2]);
    }
    return kernel;
  }
}
