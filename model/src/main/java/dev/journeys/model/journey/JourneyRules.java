package dev.journeys.model.journey;

import dev.journeys.model.metric.RepeatWindow;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Journey rules say how a customer's events are cut into journeys and how their fates and repeat
 * contacts are judged.
 *
 * @param inactivity     a silence longer than this starts a new journey; dropped needs this much silence at the cut-off
 * @param goals          touchpoints that convert; a goal event ends its journey. Empty: fates are not judged
 * @param starts         touchpoints that always start a new journey
 * @param maxDuration    a journey that would last longer is cut, or null for no limit
 * @param perCase        one journey per case (event logs): never cut, converted when it contains a goal
 * @param repeatWindows  the windows W of the repeat-contact rates, in column order
 * @param rankedWindow   the index in {@code repeatWindows} of the window the ranking uses
 * @param stages         the stages of the journey archetype, or null: with stages, a journey is judged against its
 *                       own stage's goals ({@code goals} are then every stage's goals, each of which ends a journey)
 * @param segmentBy      the attribute whose value puts each customer in a segment (its first event's that has it), or
 *                       null: every count is also kept per segment (see {@code JourneyKernel})
 * @param attributes     whether the events carry attributes to keep: journeys then take theirs (see
 *                       {@link #keepsAttributes()})
 */
public record JourneyRules(
    Duration inactivity,
    Set<String> goals,
    Set<String> starts,
    Duration maxDuration,
    boolean perCase,
    List<RepeatWindow> repeatWindows,
    int rankedWindow,
    Stages stages,
    String segmentBy,
    boolean attributes) implements Serializable {

  public static final Duration INACTIVITY_DEFAULT = Duration.ofDays(30);
  public static final List<RepeatWindow> REPEAT_WINDOWS_DEFAULT = List.of(
      RepeatWindow.parse("24h"), RepeatWindow.parse("7d"), RepeatWindow.parse("30d"));
  public static final Duration RANKED_WINDOW_DEFAULT = Duration.ofDays(7);

  public JourneyRules {
    if (inactivity == null || inactivity.isNegative() || inactivity.isZero()) {
      throw new IllegalArgumentException("Cannot create journey rules: inactivity must be positive, got " + inactivity);
    }
    if (maxDuration != null && (maxDuration.isNegative() || maxDuration.isZero())) {
      throw new IllegalArgumentException("Cannot create journey rules: max duration must be positive, got " + maxDuration);
    }
    goals = Set.copyOf(goals);
    starts = Set.copyOf(starts);
    repeatWindows = List.copyOf(repeatWindows);
    if (repeatWindows.isEmpty()) {
      throw new IllegalArgumentException("Cannot create journey rules: at least one repeat window is needed");
    }
    if (rankedWindow < 0 || rankedWindow >= repeatWindows.size()) {
      throw new IllegalArgumentException("Cannot create journey rules: ranked window " + rankedWindow
          + " is not one of the " + repeatWindows.size() + " repeat windows");
    }
    if (stages != null && !goals.equals(stages.allGoals())) {
      throw new IllegalArgumentException("Cannot create journey rules: with stages, the goals are the stages' goals "
          + stages.allGoals() + ", not " + goals);
    }
    if (segmentBy != null && segmentBy.isBlank()) {
      throw new IllegalArgumentException("Cannot create journey rules: the attribute to segment by is blank");
    }
  }

  /** The rules of a run without segments. */
  public JourneyRules(Duration inactivity, Set<String> goals, Set<String> starts, Duration maxDuration,
      boolean perCase, List<RepeatWindow> repeatWindows, int rankedWindow, Stages stages) {
    this(inactivity, goals, starts, maxDuration, perCase, repeatWindows, rankedWindow, stages, null, false);
  }

  /** The rules of a run without stages. */
  public JourneyRules(Duration inactivity, Set<String> goals, Set<String> starts, Duration maxDuration,
      boolean perCase, List<RepeatWindow> repeatWindows, int rankedWindow) {
    this(inactivity, goals, starts, maxDuration, perCase, repeatWindows, rankedWindow, null, null, false);
  }

  /** Rules with every default: journeys per customer, no goals, 30 days inactivity, windows 24h, 7d, 30d. */
  public static JourneyRules defaults() {
    return new JourneyRules(INACTIVITY_DEFAULT, Set.of(), Set.of(), null, false, REPEAT_WINDOWS_DEFAULT, 1);
  }

  /** The index of the ranked window: 7 days when listed, else the first window. */
  public static int defaultRankedWindow(List<RepeatWindow> windows) {
    for (int i = 0; i < windows.size(); i++) {
      if (windows.get(i).length().equals(RANKED_WINDOW_DEFAULT)) {
        return i;
      }
    }
    return 0;
  }

  /** Whether the events' attributes are read and journeys take theirs: when sources keep some, or with segments. */
  public boolean keepsAttributes() {
    return attributes || segmentBy != null;
  }

  /** The same rules, the events carrying attributes to keep or not. */
  public JourneyRules withAttributes(boolean keep) {
    return new JourneyRules(inactivity, goals, starts, maxDuration, perCase, repeatWindows, rankedWindow, stages,
        segmentBy, keep);
  }

  public boolean judgesFates() {
    return !goals.isEmpty();
  }

  /** The same rules with {@code newStages} (or none): their goals become the goals. */
  public JourneyRules withStages(Stages newStages) {
    return new JourneyRules(inactivity, newStages == null ? goals : newStages.allGoals(), starts, maxDuration, perCase,
        repeatWindows, rankedWindow, newStages, segmentBy, attributes);
  }

  /** The same rules with customers put in segments by the attribute {@code attribute} (null: no segments). */
  public JourneyRules withSegmentBy(String attribute) {
    return new JourneyRules(inactivity, goals, starts, maxDuration, perCase, repeatWindows, rankedWindow, stages,
        attribute, attributes);
  }

  public JourneyRules withGoals(Set<String> newGoals) {
    return new JourneyRules(inactivity, newGoals, starts, maxDuration, perCase, repeatWindows, rankedWindow, stages,
        segmentBy, attributes);
  }

  public JourneyRules withPerCase(boolean newPerCase) {
    return new JourneyRules(inactivity, goals, starts, maxDuration, newPerCase, repeatWindows, rankedWindow, stages,
        segmentBy, attributes);
  }

  public JourneyRules withStarts(Set<String> newStarts) {
    return new JourneyRules(inactivity, goals, newStarts, maxDuration, perCase, repeatWindows, rankedWindow, stages,
        segmentBy, attributes);
  }

  public JourneyRules withMaxDuration(Duration newMaxDuration) {
    return new JourneyRules(inactivity, goals, starts, newMaxDuration, perCase, repeatWindows, rankedWindow, stages,
        segmentBy, attributes);
  }

  public JourneyRules withRepeatWindows(List<RepeatWindow> windows) {
    return new JourneyRules(inactivity, goals, starts, maxDuration, perCase, windows, defaultRankedWindow(windows),
        stages, segmentBy, attributes);
  }
}
