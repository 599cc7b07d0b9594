package dev.journeys.jobs.cli;

import dev.journeys.jobs.config.Defaults;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The run options' defaults for picocli (what {@code --help} shows), from the one list in {@link Defaults}. */
public final class OptionDefaults implements IDefaultValueProvider {

  @Override
  public String defaultValue(ArgSpec argument) {
    return argument instanceof OptionSpec option ? Defaults.option(option.longestName()) : null;
  }
}
