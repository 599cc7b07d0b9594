package dev.journeys.jobs.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a run's config file (YAML): its sources with how to read each, the journey rules and the
 * ranking ({@link ConfigReader}). Every problem is reported at once, each naming the file, the key and what was
 * expected; an unknown key is a problem too. Relative paths are relative to the config file's folder.
 */
public final class ConfigFile {

  private ConfigFile() {}

  /** The run the file describes; {@code outOverride} (from the command line) wins over the file's {@code out}. */
  public static RunConfig read(Path file, String outOverride) {
    return parse(file, outOverride).run();
  }

  /** The run the file describes, and the trailing window of its nightly runs ({@code nightly.window}, default 90 days). */
  public static ConfigReader.Parsed parse(Path file, String outOverride) {
    JsonNode root = tree(file);
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("Cannot read config " + file + ": expected a map of keys (sources, journeys, "
          + "ranking, max-bad-rows-share, out)");
    }
    try {
      return ConfigReader.parse(root, file.toAbsolutePath().getParent(), ConfigNode::fileKey, outOverride);
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
