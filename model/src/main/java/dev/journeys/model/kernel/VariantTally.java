package dev.journeys.model.kernel;

import dev.journeys.model.journey.Fate;
import dev.journeys.model.variant.VariantCounts;
import dev.journeys.model.variant.VariantStats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The kernel's variants: journeys by their sequence of touchpoint ids, up to {@link VariantCounts#LIMIT} distinct
 * sequences; past that the tally gives up (overflows) and the variants are grouped from the journeys instead.
 */
final class VariantTally {

  private final Map<SequenceKey, VariantStats> variants = new HashMap<>();
  private final SequenceKey probe = new SequenceKey();
  private boolean overflowed;

  /** Counts the journey of touchpoint ids {@code tp[from, to)}, of {@code fate}, lasting {@code durationMicros}. */
  void add(int[] tp, int from, int to, Fate fate, long durationMicros) {
    if (overflowed) {
      return;
    }
    VariantStats stats = variants.get(probe.set(tp, from, to));
    if (stats == null) {
      if (variants.size() == VariantCounts.LIMIT) {
        overflowed = true;
        variants.clear();
        return;
      }
      stats = new VariantStats();
      variants.put(probe.copy(), stats);
    }
    stats.addJourney(fate, durationMicros);
  }

  /** Adds the variants, by touchpoint names ({@code names} of the ids), to {@code counts}; or marks it overflowed. */
  void addTo(VariantCounts counts, IntFunction<String> names) {
    if (overflowed) {
      counts.overflow();
      return;
    }
    variants.forEach((key, stats) -> {
      List<String> sequence = new ArrayList<>(key.length());
      for (int i = 0; i < key.length(); i++) {
        sequence.add(names.apply(key.id(i)));
      }
      counts.variant(sequence).merge(stats);
    });
  }
}
