package dev.journeys.jobs.engine.spark;

import dev.journeys.model.transition.TransitionCounts;
import org.apache.spark.util.AccumulatorV2;

/** Gathers the kernel's per-partition counts on the driver: one merge per task, never per event or customer. */
public final class TransitionCountsAccumulator extends AccumulatorV2<TransitionCounts, TransitionCounts> {

  private final int windows;
  private TransitionCounts counts;

  public TransitionCountsAccumulator(int windows) {
    this.windows = windows;
    this.counts = new TransitionCounts(windows);
  }

  @Override
  public boolean isZero() {
    return counts.isEmpty();
  }

  @Override
  public AccumulatorV2<TransitionCounts, TransitionCounts> copy() {
    TransitionCountsAccumulator copy = new TransitionCountsAccumulator(windows);
    copy.counts.merge(counts);
    return copy;
  }

  @Override
  public void reset() {
    counts = new TransitionCounts(windows);
  }

  @Override
  public void add(TransitionCounts v) {
    counts.merge(v);
  }

  @Override
  public void merge(AccumulatorV2<TransitionCounts, TransitionCounts> other) {
    counts.merge(other.value());
  }

  @Override
  public TransitionCounts value() {
    return counts;
  }
}
