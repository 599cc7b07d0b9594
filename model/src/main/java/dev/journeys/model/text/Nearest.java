package dev.journeys.model.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The names nearest to a misspelt one, by edit distance (Levenshtein, case-insensitive), for "did you mean". */
public final class Nearest {

  private Nearest() {}

  /**
   * Up to {@code limit} of {@code names} nearest to {@code wanted}, nearest first (ties by name), among those
   * within half the wanted name's length (at least 3 edits); a name that contains {@code wanted} or is
   * contained in it, ignoring case, always qualifies.
   */
  public static List<String> to(String wanted, Collection<String> names, int limit) {
    String w = wanted.toLowerCase(Locale.ROOT);
    int budget = Math.max(3, w.length() / 2);
    record Scored(String name, int distance) {}
    List<Scored> scored = new ArrayList<>();
    for (String name : names) {
      String n = name.toLowerCase(Locale.ROOT);
      boolean related = n.contains(w) || w.contains(n);
      if (!related && Math.abs(n.length() - w.length()) > budget) {
        continue;
      }
      int d = distance(w, n, related ? Integer.MAX_VALUE : budget);
      if (related || d <= budget) {
        scored.add(new Scored(name, d));
      }
    }
    scored.sort(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name));
    return scored.stream().limit(limit).map(Scored::name).toList();
  }

  /** The edit distance of a and b, or a number above {@code bound} as soon as it must exceed it. */
  static int distance(String a, String b, int bound) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      int rowMin = current[0];
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
        rowMin = Math.min(rowMin, current[j]);
      }
      if (rowMin > bound) {
        return rowMin;
      }
      int[] t = previous;
      previous = current;
      current = t;
    }
    return previous[b.length()];
  }
}
