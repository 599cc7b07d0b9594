package dev.journeys.model.metric;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Benjamini–Hochberg adjusts p-values for testing many transitions at once: the adjusted q-value of a
 * test is the smallest false-discovery rate at which it would be called a change.
 */
public final class BenjaminiHochberg {

  private BenjaminiHochberg() {}

  /** The q-values, in the order of {@code pValues}. */
  public static double[] qValues(double[] pValues) {
    int m = pValues.length;
    Integer[] order = new Integer[m];
    for (int i = 0; i < m; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
    double[] q = new double[m];
    double running = 1.0;
    for (int rank = m; rank >= 1; rank--) {
      int i = order[rank - 1];
      running = Math.min(running, pValues[i] * m / rank);
      q[i] = running;
    }
    return q;
  }
}
