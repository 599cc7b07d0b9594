package dev.journeys.model.metric;

import java.util.List;

/**
 * Two rates compared, as the nightly comparison compares a rate with its value the run before and the segment
 * comparison one segment's rate with another's: the difference {@code a − b}, its 95% interval by Newcombe's hybrid
 * score method (from the two Wilson intervals, as every rate's interval is; it stays inside [−1, 1] and is sound for
 * rates near 0 or 1), and the two-sided p-value of the two-proportion z-test that they are equal.
 * {@link #qValues} adjusts the p-values of many comparisons at once (Benjamini–Hochberg).
 *
 * @param a          the first rate's count
 * @param b          the second rate's count
 * @param difference {@code a}'s rate minus {@code b}'s
 * @param lower      the lower end of the difference's 95% interval
 * @param upper      the upper end of the difference's 95% interval
 * @param p          the two-sided p-value of the rates being equal
 */
public record RateDifference(RateCount a, RateCount b, double difference, double lower, double upper, double p) {

  /** {@code a} against {@code b}; both must have a total. */
  public static RateDifference of(RateCount a, RateCount b) {
    if (a.total() == 0 || b.total() == 0) {
      throw new IllegalArgumentException("Cannot compare rates without a total: " + a + ", " + b);
    }
    double pa = a.rate();
    double pb = b.rate();
    double d = pa - pb;
    double lower = d - Math.sqrt(square(pa - a.lower()) + square(b.upper() - pb));
    double upper = d + Math.sqrt(square(a.upper() - pa) + square(pb - b.lower()));
    return new RateDifference(a, b, d, Math.max(-1, lower), Math.min(1, upper), TwoProportionTest.pValue(a, b));
  }

  /** The Benjamini–Hochberg q-values of {@code comparisons}, in their order. */
  public static double[] qValues(List<RateDifference> comparisons) {
    return BenjaminiHochberg.qValues(comparisons.stream().mapToDouble(RateDifference::p).toArray());
  }

  private static double square(double x) {
    return x * x;
  }
}
