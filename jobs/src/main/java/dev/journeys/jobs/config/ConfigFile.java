package dev.journeys.jobs.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.journeys.jobs.RunConfig;
import dev.journeys.jobs.ingest.ReadOptions;
import dev.journeys.jobs.ingest.Timestamps;
import dev.journeys.model.journey.JourneyRules;
import dev.journeys.model.metric.Durations;
import dev.journeys.model.metric.RepeatWindow;
import dev.journeys.model.transition.RankBy;
import dev.journeys.model.transition.TransitionRanking;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a run's config file (YAML): its sources with how to read each, the journey rules and the
 * ranking. Every problem is reported at once, each naming the file, the key and what was expected;
 * an unknown key is a problem too. Relative paths are relative to the config file's folder.
 */
public final class ConfigFile {

  static final Set<String> TOP = Set.of("sources", "journeys", "ranking", "max-bad-rows-share", "out");
  static final Set<String> SOURCE = Set.of("path", "paths", "case-column", "activity-column", "timestamp-column",
      "timestamp-format", "time-zone", "customer-column", "channel-column", "owner-column", "assisted-column",
      "assisted-channels", "lifecycle", "delimiter");
  static final Set<String> JOURNEYS = Set.of("by", "goals", "starts", "inactivity", "max-duration", "repeat-windows",
      "cut-off");
  static final Set<String> RANKING = Set.of("by", "min-passages", "top");

  private ConfigFile() {}

  /** The run the file describes; {@code outOverride} (from the command line) wins over the file's {@code out}. */
  public static RunConfig read(Path file, String outOverride) {
    JsonNode root;
    try {
      root = new YAMLMapper().readTree(Files.readString(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read config " + file + ": " + e.getMessage());
    }
    List<String> errors = new ArrayList<>();
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("Cannot read config " + file + ": expected a map of keys (sources, journeys, "
          + "ranking, max-bad-rows-share, out)");
    }
    Path base = file.toAbsolutePath().getParent();
    ConfigNode top = new ConfigNode(root, "", errors);
    top.allowOnly(TOP);

    JourneyRules rules = rules(top.object("journeys"), errors);
    Instant cutoff = top.object("journeys") == null ? null
        : top.object("journeys").parsed("cut-off", ConfigFile::instant, null);
    List<RunConfig.Source> sources = new ArrayList<>();
    if (!top.has("sources")) {
      errors.add("key 'sources': missing (expected a list of sources, each with a path)");
    }
    for (ConfigNode source : top.list("sources")) {
      sources.addAll(source(source, base, rules, errors));
    }
    ConfigNode ranking = top.object("ranking");
    RankBy rankBy = ranking == null ? RankBy.LOWER_BOUND : ranking.parsed("by", RankBy::parse, RankBy.LOWER_BOUND);
    int minPassages = ranking == null ? TransitionRanking.MIN_PASSAGES_DEFAULT
        : ranking.integer("min-passages", TransitionRanking.MIN_PASSAGES_DEFAULT);
    int topRows = ranking == null ? RunConfig.TOP_DEFAULT : ranking.integer("top", RunConfig.TOP_DEFAULT);
    if (ranking != null) {
      ranking.allowOnly(RANKING);
    }
    double maxBad = top.number("max-bad-rows-share", RunConfig.MAX_BAD_ROWS_SHARE_DEFAULT);
    if (maxBad < 0 || maxBad > 1) {
      top.error("max-bad-rows-share", "expected a share between 0 and 1, got " + maxBad);
    }
    String out = outOverride != null ? outOverride : top.parsed("out", o -> base.resolve(o).toString(), null);
    if (out == null) {
      errors.add("key 'out': missing (or give --out on the command line)");
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("Config " + file + " has " + errors.size() + " problem"
          + (errors.size() > 1 ? "s" : "") + ":\n  " + String.join("\n  ", errors));
    }
    return new RunConfig(sources, out, rules, cutoff, rankBy, minPassages, maxBad, topRows);
  }

  private static JourneyRules rules(ConfigNode journeys, List<String> errors) {
    JourneyRules defaults = JourneyRules.defaults();
    if (journeys == null) {
      return defaults.withPerCase(true);
    }
    journeys.allowOnly(JOURNEYS);
    String by = journeys.string("by", "case").toLowerCase(Locale.ROOT);
    if (!by.equals("case") && !by.equals("customer")) {
      journeys.error("by", "expected case or customer, got '" + by + "'");
    }
    Duration inactivity = journeys.parsed("inactivity", Durations::parse, defaults.inactivity());
    Duration maxDuration = journeys.parsed("max-duration", Durations::parse, null);
    List<RepeatWindow> windows = new ArrayList<>();
    for (String w : journeys.strings("repeat-windows")) {
      try {
        windows.add(RepeatWindow.parse(w));
      } catch (IllegalArgumentException e) {
        journeys.error("repeat-windows", e.getMessage());
      }
    }
    if (windows.isEmpty()) {
      windows = defaults.repeatWindows();
    }
    return new JourneyRules(inactivity, Set.copyOf(journeys.strings("goals")), Set.copyOf(journeys.strings("starts")),
        maxDuration, !by.equals("customer"), windows, JourneyRules.defaultRankedWindow(windows));
  }

  private static List<RunConfig.Source> source(ConfigNode node, Path base, JourneyRules rules, List<String> errors) {
    node.allowOnly(SOURCE);
    List<String> paths = new ArrayList<>(node.strings("paths"));
    if (node.has("path")) {
      paths.add(0, node.string("path", null));
    }
    if (paths.isEmpty()) {
      errors.add("key '" + node.path() + "': a source needs a path (a file, glob or folder) or paths");
    }
    String customer = node.string("customer-column", null);
    if (!rules.perCase() && customer == null) {
      node.error("customer-column", "missing: journeys.by is customer, so every source needs its customer column");
    }
    String format = node.string("timestamp-format", null);
    if (format != null) {
      node.parsed("timestamp-format", Timestamps::formatter, null);
    }
    Set<String> assisted = new LinkedHashSet<>();
    node.strings("assisted-channels").forEach(c -> assisted.add(c.trim().toLowerCase(Locale.ROOT)));
    String delimiter = node.string("delimiter", ",");
    if (delimiter.length() != 1) {
      node.error("delimiter", "expected one character, got '" + delimiter + "'");
      delimiter = ",";
    }
    ReadOptions read = new ReadOptions(
        node.string("case-column", ReadOptions.CASE_COLUMN_DEFAULT),
        node.string("activity-column", ReadOptions.ACTIVITY_COLUMN_DEFAULT),
        node.string("timestamp-column", ReadOptions.TIMESTAMP_COLUMN_DEFAULT),
        customer, node.string("channel-column", null), node.string("owner-column", null),
        node.string("assisted-column", null),
        node.has("assisted-channels") ? assisted : ReadOptions.ASSISTED_CHANNELS_DEFAULT,
        node.string("lifecycle", null), node.parsed("time-zone", ZoneId::of, ZoneId.of("UTC")), delimiter.charAt(0),
        format);
    return paths.stream().map(p -> new RunConfig.Source(p.contains("://") ? p : base.resolve(p).toString(), read))
        .toList();
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("expected an instant such as 2026-04-30T00:00:00Z, got '" + text + "'");
    }
  }
}
