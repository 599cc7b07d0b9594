package dev.journeys.model.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MannWhitneyTestTest {

  @Test
  void theSameDistributionGivesOneAndSeparatedSamplesASmallP() {
    assertThat(MannWhitneyTest.pValue(new long[] {5, 5, 0}, new long[] {5, 5, 0})).isEqualTo(1.0);
    assertThat(MannWhitneyTest.pValue(new long[] {30, 0}, new long[] {0, 30})).isLessThan(1e-10);
    assertThat(MannWhitneyTest.pValue(new long[] {0, 0}, new long[] {3, 1})).isEqualTo(1.0);
  }

  @Test
  void agreesWithTheTextbookStatisticOnTheExpandedSamples() {
    Random random = new Random(3);
    for (int round = 0; round < 20; round++) {
      long[] a = new long[6];
      long[] b = new long[6];
      for (int k = 0; k < 6; k++) {
        a[k] = random.nextInt(8);
        b[k] = random.nextInt(8) + (k > 2 ? round % 3 : 0);
      }
      assertThat(MannWhitneyTest.pValue(a, b)).isCloseTo(expanded(a, b), within(1e-9));
    }
  }

  /** U from midranks of the pooled, expanded samples; variance with the tie correction; two-sided normal p. */
  private static double expanded(long[] a, long[] b) {
    int k = a.length;
    double n1 = 0;
    double n2 = 0;
    for (int i = 0; i < k; i++) {
      n1 += a[i];
      n2 += b[i];
    }
    double rankSum = 0;
    double before = 0;
    double tieTerm = 0;
    for (int i = 0; i < k; i++) {
      double t = a[i] + b[i];
      double midrank = before + (t + 1) / 2.0;
      rankSum += a[i] * midrank;
      before += t;
      tieTerm += t * t * t - t;
    }
    double u = rankSum - n1 * (n1 + 1) / 2;
    double n = n1 + n2;
    double sd = Math.sqrt(n1 * n2 / 12.0 * ((n + 1) - tieTerm / (n * (n - 1))));
    double z = Math.abs(u - n1 * n2 / 2) / sd;
    return z == 0 ? 1.0 : Math.min(1.0, 2 * TwoProportionTest.upperTail(z));
  }
}
