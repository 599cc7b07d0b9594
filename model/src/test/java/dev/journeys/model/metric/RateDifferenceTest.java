package dev.journeys.model.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RateDifferenceTest {

  @Test
  void newcombesIntervalMatchesHisPublishedExample() {
    // Newcombe (1998), Statistics in Medicine 17:873, table II example (a): 56/70 against 48/80, method 10:
    // difference 0.2000, 95% interval 0.0524 to 0.3339.
    RateDifference d = RateDifference.of(new RateCount(56, 70), new RateCount(48, 80));
    assertThat(d.difference()).isCloseTo(0.2, within(1e-12));
    assertThat(d.lower()).isCloseTo(0.0524, within(5e-5));
    assertThat(d.upper()).isCloseTo(0.3339, within(5e-5));
  }

  @Test
  void theIntervalStaysInsideMinusOneToOneAtTheExtremes() {
    RateDifference d = RateDifference.of(new RateCount(10, 10), new RateCount(0, 10));
    assertThat(d.difference()).isEqualTo(1.0);
    assertThat(d.upper()).isEqualTo(1.0);
    assertThat(d.lower()).isGreaterThan(0.5).isLessThan(1.0);
    assertThat(d.p()).isLessThan(0.001);
  }

  @Test
  void equalRatesHaveNoDifferenceAndPOfOne() {
    RateDifference d = RateDifference.of(new RateCount(30, 100), new RateCount(300, 1000));
    assertThat(d.difference()).isZero();
    assertThat(d.p()).isEqualTo(1.0);
    assertThat(d.lower()).isNegative();
    assertThat(d.upper()).isPositive();
  }

  @Test
  void theQValuesAdjustAcrossEveryComparison() {
    List<RateDifference> all = List.of(RateDifference.of(new RateCount(60, 100), new RateCount(30, 100)),
        RateDifference.of(new RateCount(31, 100), new RateCount(30, 100)));
    double[] q = RateDifference.qValues(all);
    assertThat(q[0]).isCloseTo(all.get(0).p() * 2, within(1e-15));
    assertThat(q[1]).isCloseTo(all.get(1).p(), within(1e-15));
  }

  @Test
  void aRateWithoutATotalCannotBeCompared() {
    assertThatThrownBy(() -> RateDifference.of(RateCount.ZERO, new RateCount(1, 2)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
