package dev.journeys.model.transition;

import dev.journeys.model.event.Touchpoint;
import dev.journeys.model.journey.JourneyRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The transition table is every transition of a run with its rates, ordered by passages, then names. */
public final class TransitionTable {

  private final List<Transition> transitions;
  private final List<Transition> ownerPairs;
  private final List<Transition> stagePassages;
  private final JourneyRules rules;

  private TransitionTable(List<Transition> transitions, List<Transition> ownerPairs, List<Transition> stagePassages,
      JourneyRules rules) {
    this.transitions = List.copyOf(transitions);
    this.ownerPairs = List.copyOf(ownerPairs);
    this.stagePassages = List.copyOf(stagePassages);
    this.rules = rules;
  }

  /** Turns counts into rates. */
  public static TransitionTable from(TransitionCounts counts, JourneyRules rules) {
    return new TransitionTable(rows(counts.transitions(), rules), rows(counts.ownerPairs(), rules),
        rows(counts.stagePassages(), rules), rules);
  }

  /**
   * Passages between stages (with stages only; else empty), most first: their drop-off is the stall rate (of the
   * passages whose second event's journey was decided, the share whose journey dropped).
   */
  public List<Transition> stagePassages() {
    return stagePassages;
  }

  /**
   * Ranks the hand-offs between stages by their stall rate: passages from {@code START} (no hand-off: where customers
   * begin) and into {@code END} are left out.
   */
  public List<RankedTransition> rankStagesByStall(RankBy rankBy, int minPassages) {
    List<Transition> handoffs = stagePassages.stream().filter(t -> !t.from().equals(Touchpoint.START_NAME)).toList();
    return TransitionRanking.rank(handoffs, Transition::dropOff, rankBy, minPassages, true);
  }

  /** Rows by passages, most first, then by name. */
  private static List<Transition> rows(Map<TransitionKey, TransitionStats> stats, JourneyRules rules) {
    List<Transition> rows = new ArrayList<>(stats.size());
    for (Map.Entry<TransitionKey, TransitionStats> e : stats.entrySet()) {
      rows.add(Transition.of(e.getKey(), e.getValue(), rules.judgesFates()));
    }
    rows.sort(Comparator.comparingLong(Transition::passages).reversed()
        .thenComparing(Transition::from)
        .thenComparing(Transition::to));
    return rows;
  }

  public List<Transition> transitions() {
    return transitions;
  }

  /**
   * Passages between owners, one row per pair of owners (from, to) where both are known: a pair of different owners is
   * a hand-off; same-owner pairs are the baseline to compare hand-offs with.
   */
  public List<Transition> ownerPairs() {
    return ownerPairs;
  }

  /**
   * Ranks by drop-off; with stages, a transition needs {@code minPassages} passages in decided journeys, since
   * passages in unjudged journeys are in no drop-off denominator (without stages: {@code minPassages} passages).
   */
  public List<RankedTransition> rankByDropOff(RankBy rankBy, int minPassages) {
    return TransitionRanking.rank(transitions, Transition::dropOff, rankBy, minPassages, rules.stages() != null);
  }

  /** Ranks by the repeat-contact rate of the rules' ranked window. */
  public List<RankedTransition> rankByRepeatContact(RankBy rankBy, int minPassages) {
    int w = rules.rankedWindow();
    return TransitionRanking.rank(transitions, t -> t.repeatContact().get(w), rankBy, minPassages);
  }

  public Transition find(String from, String to) {
    return transitions.stream()
        .filter(t -> t.from().equals(from) && t.to().equals(to))
        .findFirst()
        .orElse(null);
  }
}
