package dev.journeys.model.transition;

import dev.journeys.model.metric.GapBuckets;
import dev.journeys.model.metric.GapDistribution;
import java.io.Serial;
import java.io.Serializable;

/**
 * Conversion times are how long converted journeys took to reach one goal: from the journey's first event to its
 * first goal event, as a distribution (mean, quantiles) and per {@link GapBuckets} bucket. They merge across
 * partitions.
 */
public final class ConversionTimes implements Serializable {

  @Serial private static final long serialVersionUID = 1L;

  private final GapDistribution times = new GapDistribution();
  private final long[] buckets = new long[GapBuckets.COUNT];

  /** Counts a journey that reached the goal {@code micros} after it began. */
  public void add(long micros) {
    times.add(micros);
    buckets[GapBuckets.of(micros)]++;
  }

  public void merge(ConversionTimes other) {
    times.merge(other.times);
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] += other.buckets[i];
    }
  }

  public long journeys() {
    return times.count();
  }

  public GapDistribution times() {
    return times;
  }

  /** The journeys per bucket of their time to convert. */
  public long[] buckets() {
    return buckets.clone();
  }
}
