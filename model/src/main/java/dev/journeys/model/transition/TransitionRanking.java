package dev.journeys.model.transition;

import dev.journeys.model.metric.RateCount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * A transition ranking orders transitions by one rate, worst first, among those with enough passages.
 * Transitions into {@code END} are left out: their drop-off rate is 1 for every touchpoint that is not
 * a goal, by definition, and their repeat flags restate those of the journey's last passage.
 */
public final class TransitionRanking {

  public static final int MIN_PASSAGES_DEFAULT = 30;

  private TransitionRanking() {}

  /**
   * Ranks {@code transitions} by the rate {@code metric} picks (null rates are skipped).
   * Ties break by passages (more first), then by from and to names, so the order is stable.
   */
  public static List<RankedTransition> rank(List<Transition> transitions, Function<Transition, RateCount> metric,
      RankBy rankBy, int minPassages) {
    return rank(transitions, metric, rankBy, minPassages, false);
  }

  /**
   * As above; with {@code minCounted}, a transition needs {@code minPassages} passages counted in the rate (its
   * denominator), not only passages: with stages, passages in unjudged journeys are in no drop-off denominator.
   */
  public static List<RankedTransition> rank(List<Transition> transitions, Function<Transition, RateCount> metric,
      RankBy rankBy, int minPassages, boolean minCounted) {
    RateCount baseline = RateCount.ZERO;
    for (Transition t : transitions) {
      RateCount rate = metric.apply(t);
      if (rate != null && !t.isIntoEnd()) {
        baseline = baseline.plus(rate);
      }
    }
    double baselineRate = baseline.rate() == null ? 0 : baseline.rate();

    record Scored(Transition transition, RateCount rate, double score) {}
    List<Scored> scored = new ArrayList<>();
    for (Transition t : transitions) {
      RateCount rate = metric.apply(t);
      if (t.isIntoEnd() || rate == null || rate.total() == 0 || t.passages() < minPassages
          || (minCounted && rate.total() < minPassages)) {
        continue;
      }
      double score = rankBy.score(rate, baselineRate);
      scored.add(new Scored(t, rate, score));
    }
    scored.sort(Comparator.comparingDouble(Scored::score).reversed()
        .thenComparing(Comparator.comparingLong((Scored s) -> s.transition().passages()).reversed())
        .thenComparing(s -> s.transition().from())
        .thenComparing(s -> s.transition().to()));
    List<RankedTransition> ranked = new ArrayList<>(scored.size());
    for (Scored s : scored) {
      ranked.add(new RankedTransition(ranked.size() + 1, s.transition(), s.rate(), s.score()));
    }
    return ranked;
  }
}
