package dev.journeys.jobs.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.journeys.model.metric.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;


/**
 * Reads a run's config file (YAML): its sources with how to read each, the journey rules and the
 * ranking ({@link ConfigReader}). Every problem is reported at once, each naming the file, the key and what was
 * expected; an unknown key is a problem too. Relative paths are relative to the config file's folder.
 */
public final class ConfigFile {

  private ConfigFile() {}

  /** The trailing window of a nightly run: {@code nightly.window}, default 90 days. */
  public static Duration nightlyWindow(Path file) {
    List<String> errors = new ArrayList<>();
    JsonNode root = tree(file);
    ConfigNode nightly = root == null ? null : new ConfigNode(root, "", errors, ConfigNode::fileKey).object("nightly");
    Duration window = Defaults.NIGHTLY_WINDOW;
    if (nightly != null) {
      nightly.allowOnly(ConfigReader.NIGHTLY);
      window = nightly.parsed("window", Durations::positive, Defaults.NIGHTLY_WINDOW);
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("Config " + file + ": " + String.join("; ", errors));
    }
    return window;
  }

  /** The run the file describes; {@code outOverride} (from the command line) wins over the file's {@code out}. */
  public static RunConfig read(Path file, String outOverride) {
    JsonNode root = tree(file);
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("Cannot read config " + file + ": expected a map of keys (sources, journeys, "
          + "ranking, max-bad-rows-share, out)");
    }
    try {
      return ConfigReader.read(root, file.toAbsolutePath().getParent(), ConfigNode::fileKey, outOverride);
    } catch (ConfigException e) {
      throw new ConfigException(List.of("Config " + file + " has " + e.problems().size() + " problem"
          + (e.problems().size() > 1 ? "s" : "") + ":\n  " + String.join("\n  ", e.problems())));
    }
  }

  private static JsonNode tree(Path file) {
    try {
      return new YAMLMapper().readTree(Files.readString(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read config " + file + ": " + e.getMessage());
    }
  }
}
