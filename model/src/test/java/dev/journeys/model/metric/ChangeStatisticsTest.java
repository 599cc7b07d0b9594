package dev.journeys.model.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ChangeStatisticsTest {

  @Test
  void twoProportionTestMatchesTheTextbook() {
    // 45/100 vs 30/100: pooled 0.375, z = 2.1909, two-sided p = erfc(z / sqrt 2) = 0.028460.
    assertThat(TwoProportionTest.pValue(new RateCount(45, 100), new RateCount(30, 100))).isCloseTo(0.028460, within(1e-6));
    assertThat(TwoProportionTest.pValue(new RateCount(30, 100), new RateCount(30, 100))).isEqualTo(1.0);
    assertThat(TwoProportionTest.pValue(RateCount.ZERO, new RateCount(3, 10))).isEqualTo(1.0);
  }

  @Test
  void benjaminiHochbergMatchesRsPAdjust() {
    // p.adjust(c(0.01, 0.04, 0.03, 0.005), "BH") = 0.02 0.04 0.04 0.02
    assertThat(BenjaminiHochberg.qValues(new double[] {0.01, 0.04, 0.03, 0.005}))
        .containsExactly(new double[] {0.02, 0.04, 0.04, 0.02}, within(1e-12));
  }
}
