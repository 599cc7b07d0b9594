package dev.journeys.model.metric;

/**
 * The Mann–Whitney U test asks whether one of two samples tends to larger values than the other (for gaps: whether
 * the times moved), here on samples counted per ordered bucket: every value of a bucket is tied with the others of
 * that bucket. The two-sided p-value by the normal approximation with the tie correction.
 */
public final class MannWhitneyTest {

  private MannWhitneyTest() {}

  /**
   * The two-sided p-value of {@code a} and {@code b} (counts per ordered bucket, of equal length) coming from one
   * distribution; 1 when either is empty or every value is tied.
   */
  public static double pValue(long[] a, long[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("Cannot compare " + a.length + " buckets with " + b.length);
    }
    double na = 0;
    double nb = 0;
    for (int k = 0; k < a.length; k++) {
      na += a[k];
      nb += b[k];
    }
    if (na == 0 || nb == 0) {
      return 1.0;
    }
    // U of a: for each value of a, the values of b below it, and half of those tied with it.
    double u = 0;
    double bBelow = 0;
    double ties = 0;
    for (int k = 0; k < a.length; k++) {
      u += a[k] * (bBelow + b[k] / 2.0);
      bBelow += b[k];
      double t = a[k] + b[k];
      ties += t * t * t - t;
    }
    double n = na + nb;
    double variance = na * nb / 12.0 * ((n + 1) - ties / (n * (n - 1)));
    if (variance <= 0) {
      return 1.0;
    }
    double z = Math.abs(u - na * nb / 2.0) / Math.sqrt(variance);
    return z == 0 ? 1.0 : Math.min(1.0, 2 * TwoProportionTest.upperTail(z));
  }
}
