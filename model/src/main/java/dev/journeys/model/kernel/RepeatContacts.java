package dev.journeys.model.kernel;

import java.util.Arrays;

/**
 * The repeat contacts of one customer, per window: assisted events whose nearest earlier assisted event lies within
 * the window W. Found once per customer ({@link #find}); then {@link #within} tells, for each passage, whether one
 * follows it within W. Arrays are reused from customer to customer.
 */
final class RepeatContacts {

  private final long[] windowMicros;
  private long[] assistedTimes = new long[16];
  private final long[][] times;
  private final int[] count;

  RepeatContacts(long[] windowMicros) {
    this.windowMicros = windowMicros;
    this.times = new long[windowMicros.length][16];
    this.count = new int[windowMicros.length];
  }

  /**
   * Finds the repeat contacts among the first {@code n} events, taken in time order: {@code order} lists their
   * positions (cases interleave in time when journeys are per case, and contacts are judged across them).
   */
  void find(long[] ts, boolean[] assisted, int[] order, int n) {
    int na = 0;
    for (int k = 0; k < n; k++) {
      int i = order[k];
      if (assisted[i]) {
        if (na == assistedTimes.length) {
          assistedTimes = Arrays.copyOf(assistedTimes, na * 2);
        }
        assistedTimes[na++] = ts[i];
      }
    }
    for (int w = 0; w < windowMicros.length; w++) {
      if (times[w].length < na) {
        times[w] = new long[Math.max(na, times[w].length * 2)];
      }
      int found = 0;
      for (int k = 1; k < na; k++) {
        if (assistedTimes[k] - assistedTimes[k - 1] <= windowMicros[w]) {
          times[w][found++] = assistedTimes[k];
        }
      }
      count[w] = found;
    }
  }

  /** Whether a repeat contact of window {@code w} lies in (tB, tB + W]. */
  boolean within(int w, long tB) {
    long[] repeatTimes = times[w];
    int lo = 0;
    int hi = count[w];
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (repeatTimes[mid] <= tB) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo < count[w] && repeatTimes[lo] - tB <= windowMicros[w];
  }
}
