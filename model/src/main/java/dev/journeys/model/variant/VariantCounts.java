package dev.journeys.model.variant;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Variant counts are the stats of every variant seen, mergeable across partitions, as long as there
 * are at most {@link #LIMIT} distinct variants. Beyond that they give up and say so ({@link #overflowed()}),
 * so a job counts variants another way rather than hold per-journey detail in one place.
 */
public final class VariantCounts implements Serializable {

  @Serial private static final long serialVersionUID = 1L;

  public static final int LIMIT = 100_000;

  private final Map<List<String>, VariantStats> variants = new HashMap<>();
  private boolean overflowed;

  public VariantStats variant(List<String> touchpoints) {
    return variants.computeIfAbsent(touchpoints, k -> new VariantStats());
  }

  public void merge(VariantCounts other) {
    if (overflowed || other.overflowed) {
      overflow();
      return;
    }
    other.variants.forEach((touchpoints, stats) -> variant(touchpoints).merge(stats));
    if (variants.size() > LIMIT) {
      overflow();
    }
  }

  /** Gives up counting: too many distinct variants. */
  public void overflow() {
    overflowed = true;
    variants.clear();
  }

  public boolean overflowed() {
    return overflowed;
  }

  public int size() {
    return variants.size();
  }

  public Map<List<String>, VariantStats> variants() {
    return Collections.unmodifiableMap(variants);
  }

  /** The variant table: most journeys first, ties by sequence; shares out of {@code totalJourneys}. */
  public List<Variant> table(long totalJourneys, boolean judgesFates) {
    List<Map.Entry<List<String>, VariantStats>> entries = new ArrayList<>(variants.entrySet());
    entries.sort(Map.Entry.<List<String>, VariantStats>comparingByValue(
            (a, b) -> Long.compare(b.journeys(), a.journeys()))
        .thenComparing(e -> String.join(Variant.SEPARATOR, e.getKey())));
    List<Variant> table = new ArrayList<>(entries.size());
    long cumulative = 0;
    double total = Math.max(1, totalJourneys);
    for (Map.Entry<List<String>, VariantStats> e : entries) {
      VariantStats s = e.getValue();
      cumulative += s.journeys();
      table.add(new Variant(table.size() + 1, e.getKey(), s.journeys(), s.journeys() / total, cumulative / total,
          judgesFates ? (double) s.converted() / s.journeys() : null,
          judgesFates ? (double) s.dropped() / s.journeys() : null,
          s.medianDurationSeconds()));
    }
    return table;
  }
}
