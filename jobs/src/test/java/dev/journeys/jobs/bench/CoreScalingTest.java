package dev.journeys.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class CoreScalingTest {

  @Test
  void embeddedMastersGiveTheirCoresAndClusterMastersNone() {
    assertThat(CoreScaling.localCores("local", 8)).isEqualTo(1);
    assertThat(CoreScaling.localCores("local[2]", 8)).isEqualTo(2);
    assertThat(CoreScaling.localCores("local[*]", 8)).isEqualTo(8);
    assertThat(CoreScaling.localCores("local[4,3]", 8)).isEqualTo(4);
    assertThat(CoreScaling.localCores("spark://127.0.0.1:7077", 8)).isZero();
    assertThat(CoreScaling.localCores("yarn", 8)).isZero();
  }

  @Test
  void theRatioIsTheMedianOfEachRoundsOwnRatio() {
    List<CoreScaling.Run> one = List.of(run(1, 12), run(1, 16), run(1, 12));
    List<CoreScaling.Run> two = List.of(run(2, 8), run(2, 8), run(2, 6));
    // Per round 1.5, 2.0, 2.0: the median pairs each round's runs, not the medians of each side (12 / 8).
    assertThat(CoreScaling.medianRatio(one, two)).isCloseTo(2.0, within(1e-9));
    assertThat(CoreScaling.medianRatio(one.subList(0, 2), two.subList(0, 2))).isCloseTo(1.75, within(1e-9));
  }

  private static CoreScaling.Run run(int cores, double seconds) {
    return new CoreScaling.Run(cores, seconds, seconds, seconds);
  }
}
