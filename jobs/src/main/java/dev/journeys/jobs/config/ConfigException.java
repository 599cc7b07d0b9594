package dev.journeys.jobs.config;

import java.util.List;

/** A run's configuration has problems: all of them, each naming its key or option. A usage error (exit 2). */
public final class ConfigException extends IllegalArgumentException {

  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super(problems.size() == 1 ? problems.get(0) : problems.size() + " problems:\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
