package dev.journeys.model.transition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.model.metric.RateCount;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransitionRankingTest {

  static Transition t(String from, String to, long passages, long hits, long total) {
    return new Transition(from, to, passages, passages, passages, null, null, null, null, List.of(), null, null,
        new RateCount(hits, total), null, List.of());
  }

  static final List<Transition> TABLE = List.of(
      t("a", "b", 1000, 300, 1000),
      t("a", "c", 10, 9, 10),
      t("b", "c", 100, 50, 100),
      t("c", "d", 100, 50, 100),
      t("c", "END", 500, 500, 500));

  static List<String> names(List<RankedTransition> ranked) {
    return ranked.stream().map(r -> r.transition().key().toString()).toList();
  }

  @Test
  void lowerBoundRanksSmallSamplesBelowLargeOnes() {
    assertThat(names(TransitionRanking.rank(TABLE, Transition::dropOff, RankBy.LOWER_BOUND, 1)))
        .containsExactly("a → c", "b → c", "c → d", "a → b");
    assertThat(names(TransitionRanking.rank(TABLE, Transition::dropOff, RankBy.RATE, 1)).get(0)).isEqualTo("a → c");
  }

  @Test
  void minPassagesLeavesOutSmallTransitionsAndEndIsNeverRanked() {
    assertThat(names(TransitionRanking.rank(TABLE, Transition::dropOff, RankBy.LOWER_BOUND, 30)))
        .containsExactly("b → c", "c → d", "a → b");
  }

  @Test
  void impactIsExcessHitsOverTheBaseline() {
    List<RankedTransition> ranked = TransitionRanking.rank(TABLE, Transition::dropOff, RankBy.IMPACT, 1);
    double baseline = (300 + 9 + 50 + 50) / 1210.0;
    assertThat(ranked.get(0).transition().key().toString()).isEqualTo("b → c");
    assertThat(ranked.get(0).score()).isEqualTo(100 * (0.5 - baseline));
  }

  @Test
  void tiesBreakByPassagesThenNames() {
    List<RankedTransition> ranked = TransitionRanking.rank(TABLE, Transition::dropOff, RankBy.RATE, 30);
    assertThat(names(ranked).subList(0, 2)).containsExactly("b → c", "c → d");
    assertThat(ranked).extracting(RankedTransition::rank).containsExactly(1, 2, 3);
  }
}
