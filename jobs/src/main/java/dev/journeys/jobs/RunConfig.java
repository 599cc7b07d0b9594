package dev.journeys.jobs;

import dev.journeys.jobs.ingest.ReadOptions;
import dev.journeys.model.journey.JourneyRules;
import dev.journeys.model.transition.RankBy;
import java.time.Instant;
import java.util.List;

/**
 * Everything one run needs: the sources and how to read each, the output folder, the journey rules,
 * the cut-off (null: the latest event), the ranking and the bad-row threshold.
 */
public record RunConfig(
    List<Source> sources,
    String outDir,
    JourneyRules rules,
    Instant cutoff,
    RankBy rankBy,
    int minPassages,
    double maxBadRowsShare,
    int top) {

  public static final double MAX_BAD_ROWS_SHARE_DEFAULT = 0.01;
  public static final int TOP_DEFAULT = 10;

  /** A source: a file, glob or folder, and how to read its records. */
  public record Source(String path, ReadOptions read) {}

  public RunConfig {
    sources = List.copyOf(sources);
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("Cannot run: no input given");
    }
  }

  /** A run whose inputs are all read the same way. */
  public RunConfig(List<String> inputs, String outDir, ReadOptions read, JourneyRules rules, Instant cutoff,
      RankBy rankBy, int minPassages, double maxBadRowsShare, int top) {
    this(inputs.stream().map(path -> new Source(path, read)).toList(), outDir, rules, cutoff, rankBy, minPassages,
        maxBadRowsShare, top);
  }

  public List<String> inputs() {
    return sources.stream().map(Source::path).toList();
  }
}
