package dev.journeys.jobs;

import dev.journeys.jobs.ingest.ReadOptions;
import dev.journeys.model.journey.JourneyRules;
import dev.journeys.model.transition.RankBy;
import java.time.Instant;
import java.util.List;

/**
 * Everything one run needs: inputs, output folder, how to read the inputs, the journey rules, the
 * cut-off (null: the latest event), the ranking and the bad-row threshold.
 */
public record RunConfig(
    List<String> inputs,
    String outDir,
    ReadOptions read,
    JourneyRules rules,
    Instant cutoff,
    RankBy rankBy,
    int minPassages,
    double maxBadRowsShare,
    int top) {

  public static final double MAX_BAD_ROWS_SHARE_DEFAULT = 0.01;
  public static final int TOP_DEFAULT = 10;

  public RunConfig {
    inputs = List.copyOf(inputs);
  }
}
