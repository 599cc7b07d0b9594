package dev.journeys.model.metric;

import java.io.Serializable;

/**
 * A rate count is the number of hits out of a total (e.g. drop-offs out of decided passages), a
 * mergeable state from which the rate and its 95% Wilson score interval are derived.
 */
public record RateCount(long hits, long total) implements Serializable {

  /** The normal quantile for a two-sided 95% interval, as DESIGN.md fixes it. */
  public static final double Z_95 = 1.959964;

  public static final RateCount ZERO = new RateCount(0, 0);

  public RateCount {
    if (hits < 0 || total < 0 || hits > total) {
      throw new IllegalArgumentException("Cannot create rate count: hits=" + hits + ", total=" + total);
    }
  }

  public RateCount plus(RateCount other) {
    return new RateCount(hits + other.hits, total + other.total);
  }

  /** hits / total, or null when total is 0 (nothing to judge). */
  public Double rate() {
    return total == 0 ? null : (double) hits / total;
  }

  /** The lower end of the 95% Wilson score interval, or null when total is 0. */
  public Double lower() {
    if (total == 0) {
      return null;
    }
    return hits == 0 ? 0.0 : Math.max(0.0, center() - halfWidth());
  }

  /** The upper end of the 95% Wilson score interval, or null when total is 0. */
  public Double upper() {
    if (total == 0) {
      return null;
    }
    return hits == total ? 1.0 : Math.min(1.0, center() + halfWidth());
  }

  private double center() {
    double n = total;
    double p = hits / n;
    double z2 = Z_95 * Z_95;
    return (p + z2 / (2 * n)) / (1 + z2 / n);
  }

  private double halfWidth() {
    double n = total;
    double p = hits / n;
    double z2 = Z_95 * Z_95;
    return Z_95 / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
  }
}
