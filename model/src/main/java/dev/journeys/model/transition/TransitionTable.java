package dev.journeys.model.transition;

import dev.journeys.model.journey.JourneyRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The transition table is every transition of a run with its rates, ordered by passages, then names. */
public final class TransitionTable {

  private final List<Transition> transitions;
  private final JourneyRules rules;

  private TransitionTable(List<Transition> transitions, JourneyRules rules) {
    this.transitions = List.copyOf(transitions);
    this.rules = rules;
  }

  /** Turns counts into rates. */
  public static TransitionTable from(TransitionCounts counts, JourneyRules rules) {
    List<Transition> rows = new ArrayList<>(counts.transitions().size());
    for (Map.Entry<TransitionKey, TransitionStats> e : counts.transitions().entrySet()) {
      rows.add(Transition.of(e.getKey(), e.getValue(), rules.judgesFates()));
    }
    rows.sort(Comparator.comparingLong(Transition::passages).reversed()
        .thenComparing(Transition::from)
        .thenComparing(Transition::to));
    return new TransitionTable(rows, rules);
  }

  public List<Transition> transitions() {
    return transitions;
  }

  public List<RankedTransition> rankByDropOff(RankBy rankBy, int minPassages) {
    return TransitionRanking.rank(transitions, Transition::dropOff, rankBy, minPassages);
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
