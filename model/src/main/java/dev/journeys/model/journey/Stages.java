package dev.journeys.model.journey;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The stages of a journey archetype, in order (discover, evaluate, buy, access, use, ask, engage), each with the
 * touchpoints that belong to it and its own goals. An event's stage is the first stage with a pattern that matches
 * its whole touchpoint, else {@link #OTHER}; a journey's stage is its first event's, and it is judged against that
 * stage's goals alone. Patterns are globs: {@code *} stands for any run of characters, everything else for itself.
 */
public final class Stages implements Serializable {

  /** The stage of a touchpoint that no stage's pattern matches. It has no goals. */
  public static final String OTHER = "other";

  /** One stage: its name, its touchpoint patterns (globs) and its goals (touchpoints; none: journeys unjudged). */
  public record Stage(String name, List<String> touchpoints, Set<String> goals) implements Serializable {
    public Stage {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("A stage needs a name");
      }
      touchpoints = List.copyOf(touchpoints);
      goals = Set.copyOf(new LinkedHashSet<>(goals));
      if (touchpoints.isEmpty()) {
        throw new IllegalArgumentException("Stage '" + name + "' needs at least one touchpoint pattern");
      }
    }
  }

  private final List<Stage> stages;
  private final Pattern[] patterns;

  public Stages(List<Stage> stages) {
    this.stages = List.copyOf(stages);
    if (this.stages.isEmpty()) {
      throw new IllegalArgumentException("Stages need at least one stage");
    }
    Set<String> names = new java.util.HashSet<>();
    for (Stage s : this.stages) {
      String key = s.name().toLowerCase(Locale.ROOT);
      if (!names.add(key) || key.equals(OTHER) || key.equals("start") || key.equals("end")) {
        throw new IllegalArgumentException("Stage name '" + s.name() + "' is "
            + (key.equals(OTHER) || key.equals("start") || key.equals("end") ? "reserved" : "used twice"));
      }
    }
    this.patterns = this.stages.stream().map(s -> glob(s.touchpoints())).toArray(Pattern[]::new);
  }

  /** One pattern matching any of {@code globs} on a whole touchpoint. */
  static Pattern glob(List<String> globs) {
    List<String> alternatives = new ArrayList<>();
    for (String g : globs) {
      StringBuilder regex = new StringBuilder();
      int from = 0;
      for (int star = g.indexOf('*'); star >= 0; star = g.indexOf('*', from)) {
        if (star > from) {
          regex.append(Pattern.quote(g.substring(from, star)));
        }
        regex.append(".*");
        from = star + 1;
      }
      if (from < g.length()) {
        regex.append(Pattern.quote(g.substring(from)));
      }
      alternatives.add("(?:" + regex + ")");
    }
    return Pattern.compile(String.join("|", alternatives), Pattern.DOTALL);
  }

  /** The stages as configured, without {@link #OTHER}. */
  public List<Stage> list() {
    return stages;
  }

  /** Stages counted with {@link #OTHER}, the last index. */
  public int size() {
    return stages.size() + 1;
  }

  /** The index of a touchpoint's stage: the first stage that matches it, else {@link #other()}. */
  public int of(String touchpoint) {
    for (int s = 0; s < patterns.length; s++) {
      if (patterns[s].matcher(touchpoint).matches()) {
        return s;
      }
    }
    return stages.size();
  }

  /** The index of {@link #OTHER}. */
  public int other() {
    return stages.size();
  }

  public String name(int index) {
    return index == stages.size() ? OTHER : stages.get(index).name();
  }

  /** The goals of a stage ({@link #OTHER} has none). */
  public Set<String> goals(int index) {
    return index == stages.size() ? Set.of() : stages.get(index).goals();
  }

  /** Every stage's goals: any of them ends its journey. */
  public Set<String> allGoals() {
    Set<String> all = new LinkedHashSet<>();
    stages.forEach(s -> all.addAll(s.goals()));
    return all;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Stages other && stages.equals(other.stages);
  }

  @Override
  public int hashCode() {
    return stages.hashCode();
  }

  @Override
  public String toString() {
    return stages.toString();
  }
}
