package dev.journeys.model.path;

import dev.journeys.model.event.Touchpoint;
import dev.journeys.model.journey.Fate;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The paths around one touchpoint: of the journeys that pass it, what they did in the (up to) {@link #STEPS} steps
 * before its first occurrence and after it, and, of those that dropped, what they did last. A journey that starts
 * or ends within the steps shows {@code START} or {@code END} there. Counts merge across partitions.
 */
public final class PathsAround implements Serializable {

  @Serial private static final long serialVersionUID = 1L;

  /** Steps shown before and after the touchpoint. */
  public static final int STEPS = 4;
  /** What the less common paths are grouped as. */
  public static final String OTHER = "other";

  /** Which paths a row holds: the steps before the touchpoint, those after it, or what dropped journeys did last. */
  public enum Side {
    BEFORE("before"), AFTER("after"), DROPPED_LAST("dropped_last");

    private final String label;

    Side(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** One path with its journeys by fate (indexed by {@link Fate#ordinal()}). */
  public record Path(Side side, List<String> steps, long[] byFate) {
    public long journeys() {
      return Arrays.stream(byFate).sum();
    }

    public boolean isOther() {
      return steps.isEmpty();
    }
  }

  private final String around;
  private long journeys;
  private final long[] byFate = new long[Fate.values().length];
  private final Map<List<String>, long[]> before = new HashMap<>();
  private final Map<List<String>, long[]> after = new HashMap<>();
  private final Map<List<String>, long[]> droppedLast = new HashMap<>();

  public PathsAround(String around) {
    this.around = around;
  }

  public String around() {
    return around;
  }

  /** Counts one journey (its touchpoints in order, its fate) when it passes the touchpoint. */
  public void add(List<String> touchpoints, Fate fate) {
    int at = touchpoints.indexOf(around);
    if (at < 0) {
      return;
    }
    journeys++;
    byFate[fate.ordinal()]++;
    // The steps around it, START when the journey starts less than STEPS steps before, END when it ends less than
    // STEPS steps after; centre is the touchpoint's place among them.
    List<String> steps = new ArrayList<>(2 * STEPS + 3);
    boolean starts = at < STEPS;
    if (starts) {
      steps.add(Touchpoint.START_NAME);
    }
    int first = Math.max(0, at - STEPS);
    int last = Math.min(touchpoints.size() - 1, at + STEPS);
    steps.addAll(touchpoints.subList(first, last + 1));
    if (at + STEPS > touchpoints.size() - 1) {
      steps.add(Touchpoint.END_NAME);
    }
    int centre = at - first + (starts ? 1 : 0);
    count(before, List.copyOf(steps.subList(Math.max(0, centre - STEPS), centre + 1)), fate);
    count(after, List.copyOf(steps.subList(centre, Math.min(steps.size(), centre + STEPS + 1))), fate);
    if (fate == Fate.DROPPED) {
      count(droppedLast, List.of(touchpoints.get(touchpoints.size() - 1)), fate);
    }
  }

  private static void count(Map<List<String>, long[]> paths, List<String> path, Fate fate) {
    paths.computeIfAbsent(path, k -> new long[Fate.values().length])[fate.ordinal()]++;
  }

  /** Adds {@code other}'s counts (of the same touchpoint). */
  public void merge(PathsAround other) {
    if (!other.around.equals(around)) {
      throw new IllegalArgumentException("Cannot merge the paths around " + other.around + " into those around "
          + around);
    }
    journeys += other.journeys;
    for (int i = 0; i < byFate.length; i++) {
      byFate[i] += other.byFate[i];
    }
    mergeInto(before, other.before);
    mergeInto(after, other.after);
    mergeInto(droppedLast, other.droppedLast);
  }

  private static void mergeInto(Map<List<String>, long[]> into, Map<List<String>, long[]> from) {
    from.forEach((path, counts) -> {
      long[] sum = into.computeIfAbsent(path, k -> new long[counts.length]);
      for (int i = 0; i < counts.length; i++) {
        sum[i] += counts[i];
      }
    });
  }

  /** The journeys that pass the touchpoint. */
  public long journeys() {
    return journeys;
  }

  /** Those journeys by fate (indexed by {@link Fate#ordinal()}). */
  public long[] byFate() {
    return byFate.clone();
  }

  /**
   * The {@code top} most common paths of {@code side}, most journeys first (ties by path), then the rest grouped as
   * one path without steps ({@link Path#isOther()}), when there is a rest.
   */
  public List<Path> top(Side side, int top) {
    Map<List<String>, long[]> paths = switch (side) {
      case BEFORE -> before;
      case AFTER -> after;
      case DROPPED_LAST -> droppedLast;
    };
    List<Path> all = new ArrayList<>();
    paths.forEach((steps, counts) -> all.add(new Path(side, steps, counts.clone())));
    all.sort(Comparator.comparingLong(Path::journeys).reversed()
        .thenComparing(p -> String.join("\u0000", p.steps())));
    List<Path> shown = new ArrayList<>(all.subList(0, Math.min(top, all.size())));
    if (all.size() > top) {
      long[] rest = new long[Fate.values().length];
      for (Path p : all.subList(top, all.size())) {
        for (int i = 0; i < rest.length; i++) {
          rest[i] += p.byFate()[i];
        }
      }
      shown.add(new Path(side, List.of(), rest));
    }
    return shown;
  }
}
