package dev.journeys.model.metric;

import dev.journeys.model.primitive.LongLongMap;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;

/**
 * A gap distribution holds the times between the two events of a transition's passages, mergeable
 * across partitions. It is exact while it holds at most {@link #EXACT_LIMIT} distinct gaps; beyond
 * that it keeps logarithmic buckets whose quantiles are within {@link #RELATIVE_ACCURACY} of the truth.
 */
public final class GapDistribution implements Serializable {

  @Serial private static final long serialVersionUID = 1L;

  public static final int EXACT_LIMIT = 512;
  public static final double RELATIVE_ACCURACY = 0.005;
  private static final double GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
  private static final double LOG_GAMMA = Math.log(GAMMA);

  private transient LongLongMap counts = new LongLongMap(4);
  private boolean bucketed;
  private long count;
  private double sumMicros;

  /** Adds one gap, in microseconds (never negative). */
  public void add(long gapMicros) {
    count++;
    sumMicros += gapMicros;
    counts.add(bucketed ? bucketOf(gapMicros) : gapMicros, 1);
    if (!bucketed && counts.size() > EXACT_LIMIT) {
      toBuckets();
    }
  }

  public void merge(GapDistribution other) {
    if (other.bucketed && !bucketed) {
      toBuckets();
    }
    boolean convert = bucketed && !other.bucketed;
    other.counts.forEach((key, n) -> counts.add(convert ? bucketOf(key) : key, n));
    count += other.count;
    sumMicros += other.sumMicros;
    if (!bucketed && counts.size() > EXACT_LIMIT) {
      toBuckets();
    }
  }

  public long count() {
    return count;
  }

  public boolean isExact() {
    return !bucketed;
  }

  /** The mean gap in seconds, or null when there are no gaps. */
  public Double meanSeconds() {
    return count == 0 ? null : sumMicros / count / 1e6;
  }

  /**
   * The q-quantile in seconds by linear interpolation between order statistics (numpy's default, so
   * q = 0.5 is the usual median), or null when there are no gaps.
   */
  public Double quantileSeconds(double q) {
    if (count == 0) {
      return null;
    }
    double position = q * (count - 1);
    long below = (long) Math.floor(position);
    double fraction = position - below;
    long[] keys = counts.sortedKeys();
    double lowValue = valueAt(keys, below);
    double highValue = fraction == 0 ? lowValue : valueAt(keys, below + 1);
    return (lowValue + fraction * (highValue - lowValue)) / 1e6;
  }

  private double valueAt(long[] sortedKeys, long rank) {
    long seen = 0;
    for (long key : sortedKeys) {
      seen += counts.get(key);
      if (seen > rank) {
        return bucketed ? bucketValue(key) : key;
      }
    }
    throw new IllegalStateException("rank " + rank + " beyond " + count + " gaps");
  }

  private void toBuckets() {
    LongLongMap buckets = new LongLongMap(64);
    counts.forEach((gap, n) -> buckets.add(bucketOf(gap), n));
    counts = buckets;
    bucketed = true;
  }

  private static long bucketOf(long gapMicros) {
    return gapMicros <= 0 ? 0 : 1 + (long) Math.ceil(Math.log(gapMicros) / LOG_GAMMA);
  }

  private static double bucketValue(long bucket) {
    return bucket == 0 ? 0 : 2 * Math.pow(GAMMA, bucket - 1) / (GAMMA + 1);
  }

  @Serial
  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    out.writeInt(counts.size());
    LongLongMap.Visitor writer = (key, n) -> {
      try {
        out.writeLong(key);
        out.writeLong(n);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    };
    counts.forEach(writer);
  }

  @Serial
  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    int size = in.readInt();
    counts = new LongLongMap(Math.max(4, size));
    for (int i = 0; i < size; i++) {
      counts.add(in.readLong(), in.readLong());
    }
  }
}
