package dev.journeys.model.metric;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Frequent items keep the most common items of a stream in at most {@code capacity} counters (Misra and Gries, 1982),
 * mergeable across partitions (Agarwal et al., "Mergeable summaries", 2012). While a stream holds at most
 * {@code capacity} distinct items every count is exact; beyond that a count is short by at most
 * {@code total / (capacity + 1)}, so an item more common than that is never lost and the most common item is found
 * whenever its share exceeds {@code 1 / (capacity + 1)}.
 *
 * @param <K> the item type: immutable, with equals and hashCode
 */
public final class FrequentItems<K> implements Serializable {

  @Serial private static final long serialVersionUID = 1L;

  private final int capacity;
  private final HashMap<K, Long> counts = new HashMap<>();
  private long total;

  public FrequentItems(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("Cannot create frequent items: capacity must be positive, got " + capacity);
    }
    this.capacity = capacity;
  }

  /** Counts {@code n} occurrences of {@code item}. */
  public void add(K item, long n) {
    total += n;
    counts.merge(item, n, Long::sum);
    if (counts.size() > capacity) {
      shrink();
    }
  }

  /** Adds {@code other}'s counts, its items mapped by {@code key} (the identity when the types agree). */
  public <T> void merge(FrequentItems<T> other, Function<T, K> key) {
    total += other.total;
    other.counts.forEach((item, n) -> counts.merge(key.apply(item), n, Long::sum));
    if (counts.size() > capacity) {
      shrink();
    }
  }

  public void merge(FrequentItems<K> other) {
    merge(other, Function.identity());
  }

  /** Whether every count is exact: no counter was ever dropped. */
  public boolean isExact() {
    long sum = 0;
    for (long n : counts.values()) {
      sum += n;
    }
    return sum == total;
  }

  public long total() {
    return total;
  }

  /** The item of the largest count, ties broken by {@code order}; null when nothing was added. */
  public K mostCommon(Comparator<K> order) {
    K best = null;
    long bestCount = 0;
    for (Map.Entry<K, Long> e : counts.entrySet()) {
      long n = e.getValue();
      if (best == null || n > bestCount || (n == bestCount && order.compare(e.getKey(), best) < 0)) {
        best = e.getKey();
        bestCount = n;
      }
    }
    return best;
  }

  /** The counted items with their counts (lower bounds of the true counts when not exact). */
  public Map<K, Long> counts() {
    return java.util.Collections.unmodifiableMap(counts);
  }

  /** Keeps the largest {@code capacity} counts, each less the (capacity + 1)-th largest (the Misra–Gries step). */
  private void shrink() {
    long[] values = new long[counts.size()];
    int i = 0;
    for (long n : counts.values()) {
      values[i++] = n;
    }
    Arrays.sort(values);
    long cut = values[values.length - 1 - capacity];
    List<K> gone = new ArrayList<>();
    for (Map.Entry<K, Long> e : counts.entrySet()) {
      long n = e.getValue() - cut;
      if (n <= 0) {
        gone.add(e.getKey());
      } else {
        e.setValue(n);
      }
    }
    gone.forEach(counts::remove);
  }
}
