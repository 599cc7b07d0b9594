package dev.journeys.model.metric;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrequentItemsTest {

  @Test
  void countsAreExactWhileTheItemsFitTheCounters() {
    FrequentItems<String> items = new FrequentItems<>(3);
    items.add("a", 2);
    items.add("b", 5);
    items.add("c", 5);
    assertThat(items.isExact()).isTrue();
    assertThat(items.counts()).containsEntry("a", 2L).containsEntry("b", 5L);
    assertThat(items.mostCommon(Comparator.naturalOrder())).as("ties by order").isEqualTo("b");
  }

  @Test
  void anItemMoreCommonThanTheBoundSurvivesAStreamOfManyRareOnesAndMerges() {
    Random random = new Random(7);
    FrequentItems<Integer> left = new FrequentItems<>(8);
    FrequentItems<Integer> right = new FrequentItems<>(8);
    int heavy = 0;
    for (int i = 0; i < 20_000; i++) {
      FrequentItems<Integer> side = i % 2 == 0 ? left : right;
      if (random.nextInt(5) == 0) {
        side.add(-1, 1);
        heavy++;
      } else {
        side.add(random.nextInt(1_000), 1);
      }
    }
    left.merge(right);
    assertThat(left.total()).isEqualTo(20_000);
    assertThat(left.isExact()).isFalse();
    assertThat(left.counts().size()).isLessThanOrEqualTo(8);
    assertThat(left.mostCommon(Comparator.naturalOrder())).isEqualTo(-1);
    assertThat(left.counts().get(-1)).isLessThanOrEqualTo((long) heavy)
        .isGreaterThanOrEqualTo(heavy - 20_000L / 9);
  }
}
