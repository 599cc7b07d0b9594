package dev.journeys.model.metric;

/**
 * The two-proportion z-test asks whether two rates differ by more than noise: the two-sided p-value of
 * the difference under the pooled proportion, by the normal approximation.
 */
public final class TwoProportionTest {

  private TwoProportionTest() {}

  /** The two-sided p-value of {@code a} and {@code b} having the same rate; 1 when either has no total. */
  public static double pValue(RateCount a, RateCount b) {
    if (a.total() == 0 || b.total() == 0) {
      return 1.0;
    }
    double pooled = (double) (a.hits() + b.hits()) / (a.total() + b.total());
    double variance = pooled * (1 - pooled) * (1.0 / a.total() + 1.0 / b.total());
    if (variance == 0) {
      return a.rate().equals(b.rate()) ? 1.0 : 0.0;
    }
    double z = Math.abs(a.rate() - b.rate()) / Math.sqrt(variance);
    if (z == 0) {
      return 1.0;
    }
    return Math.min(1.0, 2 * upperTail(z));
  }

  /** P(Z > z) for a standard normal Z (Abramowitz and Stegun 7.1.26, error below 1.5e-7). */
  static double upperTail(double z) {
    double x = z / Math.sqrt(2);
    double t = 1 / (1 + 0.3275911 * x);
    double erfc = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
        * Math.exp(-x * x);
    return erfc / 2;
  }
}
