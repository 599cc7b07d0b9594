package dev.journeys.model.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GapDistributionTest {

  static GapDistribution of(long... seconds) {
    GapDistribution d = new GapDistribution();
    for (long s : seconds) {
      d.add(s * 1_000_000L);
    }
    return d;
  }

  @Test
  void medianOfAnEvenCountAveragesTheMiddleTwo() {
    assertThat(of(10, 20, 30, 40).quantileSeconds(0.5)).isEqualTo(25.0);
    assertThat(of(10, 20, 30).quantileSeconds(0.5)).isEqualTo(20.0);
    assertThat(of(10, 20, 30).meanSeconds()).isEqualTo(20.0);
  }

  @Test
  void p90InterpolatesLinearlyAsNumpyDoes() {
    assertThat(of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10).quantileSeconds(0.9)).isCloseTo(9.1, within(1e-9));
  }

  @Test
  void staysWithinHalfAPercentOnceBucketed() {
    SplittableRandom random = new SplittableRandom(1);
    GapDistribution left = new GapDistribution();
    GapDistribution right = new GapDistribution();
    long[] all = new long[20_000];
    for (int i = 0; i < all.length; i++) {
      all[i] = 1 + random.nextLong(10_000_000_000L);
      (i % 2 == 0 ? left : right).add(all[i]);
    }
    left.merge(right);
    Arrays.sort(all);
    assertThat(left.isExact()).isFalse();
    assertThat(left.count()).isEqualTo(all.length);
    double trueMedian = (all[9_999] + all[10_000]) / 2e6;
    assertThat(left.quantileSeconds(0.5)).isCloseTo(trueMedian, within(trueMedian * 0.006));
  }

  @Test
  void emptyDistributionHasNoStatistics() {
    assertThat(new GapDistribution().meanSeconds()).isNull();
    assertThat(new GapDistribution().quantileSeconds(0.5)).isNull();
  }
}
