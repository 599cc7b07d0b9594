package dev.journeys.model.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RateCountTest {

  @Test
  void wilsonIntervalMatchesTheTextbookValues() {
    RateCount r = new RateCount(1, 2);
    assertThat(r.rate()).isEqualTo(0.5);
    assertThat(r.lower()).isCloseTo(0.094531, within(1e-6));
    assertThat(r.upper()).isCloseTo(0.905469, within(1e-6));
    // With no hits the upper bound is z² / (n + z²).
    assertThat(new RateCount(0, 10).upper()).isCloseTo(0.277532, within(1e-6));
  }

  @Test
  void intervalOfZeroAndAllHitsStaysInsideZeroOne() {
    assertThat(new RateCount(0, 10).lower()).isZero();
    assertThat(new RateCount(10, 10).upper()).isEqualTo(1.0);
  }

  @Test
  void emptyCountHasNoRate() {
    assertThat(RateCount.ZERO.rate()).isNull();
    assertThat(RateCount.ZERO.lower()).isNull();
  }

  @Test
  void mergesByAddingHitsAndTotals() {
    assertThat(new RateCount(1, 2).plus(new RateCount(3, 4))).isEqualTo(new RateCount(4, 6));
  }

  @Test
  void rejectsMoreHitsThanTotal() {
    assertThatThrownBy(() -> new RateCount(3, 2)).hasMessageContaining("Cannot create rate count");
  }
}
