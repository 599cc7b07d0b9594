package dev.journeys.model.metric;

import java.util.List;

/**
 * Gap buckets are fixed, roughly logarithmic ranges of time from a second to months, the same for every transition
 * and run, so that distributions can be drawn side by side and compared from one run to the next. Bucket {@code i}
 * holds the times t with {@code UPPER_SECONDS[i - 1] <= t < UPPER_SECONDS[i]} (seconds); the last holds 90 days and
 * more.
 */
public final class GapBuckets {

  /** Each bucket's exclusive upper bound in seconds, but the last's: 1 s, 10 s, 1 min, 10 min, 1 h, 6 h, 1 d, 3 d, 7 d, 30 d, 90 d. */
  private static final long[] UPPER_SECONDS = {1, 10, 60, 600, 3_600, 21_600, 86_400, 259_200, 604_800, 2_592_000,
      7_776_000};

  /** The buckets' names, in order, as they end output columns. */
  public static final List<String> LABELS = List.of("under_1s", "1s_to_10s", "10s_to_1m", "1m_to_10m", "10m_to_1h",
      "1h_to_6h", "6h_to_1d", "1d_to_3d", "3d_to_7d", "7d_to_30d", "30d_to_90d", "90d_plus");

  public static final int COUNT = LABELS.size();

  private static final long[] UPPER_MICROS = java.util.Arrays.stream(UPPER_SECONDS).map(s -> s * 1_000_000L)
      .toArray();

  private GapBuckets() {}

  /** The bucket of a time of {@code micros} microseconds (never negative): a binary search of the bounds. */
  public static int of(long micros) {
    int lo = 0;
    int hi = UPPER_MICROS.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (micros < UPPER_MICROS[mid]) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
