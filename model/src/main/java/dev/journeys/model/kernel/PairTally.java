package dev.journeys.model.kernel;

import dev.journeys.model.primitive.LongIntMap;
import dev.journeys.model.transition.TransitionStats;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel's counts per pair of small ints: transitions (from, to touchpoint ids) or owner pairs. A pair gets a
 * slot the first time it is met; its stats are then reached by the slot, without a look-up per event.
 */
final class PairTally {

  /** Receives each pair and its stats. */
  @FunctionalInterface
  interface PairConsumer {
    void accept(int a, int b, TransitionStats stats);
  }

  private final int windows;
  private final LongIntMap index = new LongIntMap();
  private final List<TransitionStats> stats = new ArrayList<>();
  private final List<Long> keys = new ArrayList<>();

  PairTally(int windows) {
    this.windows = windows;
  }

  /** The slot of the pair (a, b), added when new. */
  int slot(int a, int b) {
    long key = ((long) a << 32) | (b & 0xFFFFFFFFL);
    int i = index.indexOf(key);
    if (i == stats.size()) {
      stats.add(new TransitionStats(windows));
      keys.add(key);
    }
    return i;
  }

  TransitionStats stats(int slot) {
    return stats.get(slot);
  }

  /** Every pair met, in the order first met, with its stats. */
  void forEach(PairConsumer action) {
    for (int i = 0; i < keys.size(); i++) {
      long key = keys.get(i);
      action.accept((int) (key >>> 32), (int) key, stats.get(i));
    }
  }
}
