package dev.journeys.model.variant;

import dev.journeys.model.journey.Fate;
import dev.journeys.model.journey.Journey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds the variant table from journeys in memory: most frequent first, ties by sequence. */
public final class Variants {

  private Variants() {}

  public static List<Variant> of(List<Journey> journeys, boolean judgesFates) {
    Map<List<String>, List<Journey>> byVariant = new HashMap<>();
    for (Journey j : journeys) {
      byVariant.computeIfAbsent(j.variant(), k -> new ArrayList<>()).add(j);
    }
    List<Map.Entry<List<String>, List<Journey>>> entries = new ArrayList<>(byVariant.entrySet());
    entries.sort(Comparator.comparingInt((Map.Entry<List<String>, List<Journey>> e) -> e.getValue().size()).reversed()
        .thenComparing(e -> String.join(Variant.SEPARATOR, e.getKey())));
    List<Variant> variants = new ArrayList<>(entries.size());
    long cumulative = 0;
    for (Map.Entry<List<String>, List<Journey>> e : entries) {
      List<Journey> group = e.getValue();
      cumulative += group.size();
      long converted = group.stream().filter(j -> j.fate() == Fate.CONVERTED).count();
      long dropped = group.stream().filter(j -> j.fate() == Fate.DROPPED).count();
      double[] durations = group.stream().mapToDouble(j -> j.duration().toNanos() / 1e9).toArray();
      variants.add(new Variant(variants.size() + 1, e.getKey(), group.size(),
          (double) group.size() / journeys.size(), (double) cumulative / journeys.size(),
          judgesFates ? (double) converted / group.size() : null,
          judgesFates ? (double) dropped / group.size() : null,
          median(durations)));
    }
    return variants;
  }

  /** The median, averaging the two middle values of an even count. */
  static double median(double[] values) {
    Arrays.sort(values);
    int mid = values.length / 2;
    return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }
}
