package dev.journeys.jobs.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.journeys.jobs.engine.spark.Ingest;
import dev.journeys.jobs.ingest.Identities;
import dev.journeys.jobs.ingest.ReadOptions;
import dev.journeys.jobs.ingest.Source;
import dev.journeys.jobs.ingest.raw.RawFormat;
import dev.journeys.jobs.ingest.raw.SourceMapping;
import dev.journeys.jobs.ingest.raw.Template;
import dev.journeys.jobs.ingest.text.Timestamps;
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

  static final Set<String> TOP = Set.of("sources", "journeys", "ranking", "identity", "nightly", "max-bad-rows-share",
      "accept-truncated", "allow-absent-goals", "scrub", "out");
  static final Set<String> NIGHTLY = Set.of("window");
  static final Set<String> IDENTITY = Set.of("max-keys", "pseudonymise");
  static final Set<String> EXPORT = Set.of("path", "paths", "format", "name", "touchpoint", "channel", "owner",
      "assisted", "timestamp", "timestamp-format", "time-zone", "identity", "event-id", "event-when", "exclude",
      "assisted-channels", "delimiter");
  static final Set<String> SOURCE = Set.of("path", "paths", "case-column", "activity-column", "timestamp-column",
      "timestamp-format", "time-zone", "customer-column", "channel-column", "owner-column", "assisted-column",
      "assisted-channels", "lifecycle", "delimiter");
  static final Set<String> JOURNEYS = Set.of("by", "goals", "starts", "inactivity", "max-duration", "repeat-windows",
      "assisted-channels",
      "cut-off");
  static final Set<String> RANKING = Set.of("by", "min-passages", "top");

  private ConfigFile() {}

  /** The trailing window of a nightly run: {@code nightly.window}, default 90 days. */
  public static Duration nightlyWindow(Path file) {
    List<String> errors = new ArrayList<>();
    JsonNode root;
    try {
      root = new YAMLMapper().readTree(Files.readString(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read config " + file + ": " + e.getMessage());
    }
    ConfigNode nightly = root == null ? null : new ConfigNode(root, "", errors).object("nightly");
    Duration window = NIGHTLY_WINDOW_DEFAULT;
    if (nightly != null) {
      nightly.allowOnly(NIGHTLY);
      window = nightly.parsed("window", Durations::positive, NIGHTLY_WINDOW_DEFAULT);
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("Config " + file + ": " + String.join("; ", errors));
    }
    return window;
  }

  public static final Duration NIGHTLY_WINDOW_DEFAULT = Duration.ofDays(90);

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
    ConfigNode journeysNode = top.object("journeys");
    Set<String> assistedDefault = new LinkedHashSet<>();
    if (journeysNode != null) {
      journeysNode.strings("assisted-channels").forEach(c -> assistedDefault.add(c.trim().toLowerCase(Locale.ROOT)));
    }
    if (assistedDefault.isEmpty()) {
      assistedDefault.addAll(ReadOptions.ASSISTED_CHANNELS_DEFAULT);
    }
    List<Source> sources = new ArrayList<>();
    if (!top.has("sources")) {
      errors.add("key 'sources': missing (expected a list of sources, each with a path)");
    }
    for (ConfigNode source : top.list("sources")) {
      RawFormat raw = source.has("format") ? RawFormat.of(source.string("format", "")) : null;
      if (source.has("format") && raw == null && !List.of("xes", "csv", "parquet").contains(source.string("format", ""))) {
        source.error("format", "expected an event log (xes, csv, parquet) or a raw export ("
            + String.join(", ", java.util.Arrays.stream(RawFormat.values()).map(RawFormat::label).toList())
            + "), got '" + source.string("format", "") + "'");
      }
      if (raw == null && (source.has("touchpoint") || source.has("identity"))) {
        raw = source.string("format", "csv").equals("csv") ? RawFormat.CSV_RECORDS : RawFormat.JSON;
      }
      sources.addAll(raw != null ? export(source, raw, base, assistedDefault, errors)
          : source(source, base, rules, assistedDefault, errors));
    }
    ConfigNode identity = top.object("identity");
    int maxKeys = Identities.MAX_KEYS_DEFAULT;
    boolean pseudonymise = true;
    if (identity != null) {
      identity.allowOnly(IDENTITY);
      maxKeys = identity.integer("max-keys", maxKeys);
      if (maxKeys < 1) {
        identity.error("max-keys", "expected 1 or more, got " + maxKeys);
      }
      pseudonymise = identity.parsed("pseudonymise", ConfigFile::flag, true);
    }
    ConfigNode nightly = top.object("nightly");
    if (nightly != null) {
      nightly.allowOnly(NIGHTLY);
      nightly.parsed("window", Durations::positive, null);
    }
    ConfigNode ranking = top.object("ranking");
    RankBy rankBy = ranking == null ? RankBy.LOWER_BOUND : ranking.parsed("by", RankBy::parse, RankBy.LOWER_BOUND);
    int minPassages = ranking == null ? TransitionRanking.MIN_PASSAGES_DEFAULT
        : ranking.integer("min-passages", TransitionRanking.MIN_PASSAGES_DEFAULT);
    int topRows = ranking == null ? RunConfig.TOP_DEFAULT : ranking.integer("top", RunConfig.TOP_DEFAULT);
    if (ranking != null) {
      ranking.allowOnly(RANKING);
      if (minPassages < 0) {
        ranking.error("min-passages", "expected 0 or more, got " + minPassages);
      }
      if (topRows < 1) {
        ranking.error("top", "expected 1 or more, got " + topRows);
      }
    }
    double maxBad = top.number("max-bad-rows-share", RunConfig.MAX_BAD_ROWS_SHARE_DEFAULT);
    boolean acceptTruncated = top.parsed("accept-truncated", ConfigFile::flag, false);
    boolean allowAbsentGoals = top.parsed("allow-absent-goals", ConfigFile::flag, false);
    if (!(maxBad >= 0 && maxBad <= 1)) {
      top.error("max-bad-rows-share", "expected a share between 0 and 1, got " + maxBad);
    }
    dev.journeys.jobs.ingest.raw.Scrubber scrubber = dev.journeys.jobs.ingest.raw.Scrubber.DEFAULT;
    ConfigNode scrub = top.object("scrub");
    if (scrub != null) {
      scrub.allowOnly(Set.of("patterns"));
      ConfigNode patterns = scrub.object("patterns");
      if (patterns != null) {
        java.util.Map<String, String> named = new java.util.LinkedHashMap<>();
        patterns.keys().forEach(k -> named.put(k, patterns.string(k, "")));
        try {
          scrubber = dev.journeys.jobs.ingest.raw.Scrubber.with(named);
        } catch (IllegalArgumentException e) {
          scrub.error("patterns", e.getMessage());
        }
      }
    }
    String out = outOverride != null ? outOverride : top.parsed("out", o -> base.resolve(o).toString(), null);
    if (out == null) {
      errors.add("key 'out': missing (or give --out on the command line)");
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("Config " + file + " has " + errors.size() + " problem"
          + (errors.size() > 1 ? "s" : "") + ":\n  " + String.join("\n  ", errors));
    }
    return new RunConfig(sources, out, rules, cutoff, rankBy, minPassages, maxBad, topRows, maxKeys, pseudonymise, null,
        null, acceptTruncated, allowAbsentGoals, scrubber);
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
    Duration inactivity = journeys.parsed("inactivity", Durations::positive, defaults.inactivity());
    Duration maxDuration = journeys.parsed("max-duration", Durations::positive, null);
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

  private static List<Source> source(ConfigNode node, Path base, JourneyRules rules,
      Set<String> assistedDefault, List<String> errors) {
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
        node.has("assisted-channels") ? assisted : assistedDefault,
        node.string("lifecycle", null), node.parsed("time-zone", ZoneId::of, ZoneId.of("UTC")), delimiter.charAt(0),
        format);
    return paths.stream().map(p -> new Source(p.contains("://") ? p : base.resolve(p).toString(), read))
        .toList();
  }

  /** A raw export: its format's preset mapping, each key of which the config may replace. */
  private static List<Source> export(ConfigNode node, RawFormat raw, Path base, Set<String> assistedDefault,
      List<String> errors) {
    node.allowOnly(EXPORT);
    List<String> paths = new ArrayList<>(node.strings("paths"));
    if (node.has("path")) {
      paths.add(0, node.string("path", null));
    }
    if (paths.isEmpty()) {
      errors.add("key '" + node.path() + "': a source needs a path (a file, glob or folder) or paths");
    }
    String name = node.string("name", raw.label());
    java.util.Map<String, Template> identity = new java.util.LinkedHashMap<>();
    ConfigNode keys = node.object("identity");
    if (keys != null) {
      for (String kind : keys.keys()) {
        Template t = keys.parsed(kind, Template::parse, null);
        if (t != null) {
          identity.put(kind, t);
        }
      }
    } else {
      raw.identityTemplates().forEach((kind, template) -> identity.put(kind, Template.parse(template)));
    }
    if (identity.isEmpty()) {
      node.error("identity", "missing: map at least one kind of key to its field, e.g. {customer: '{customer_id}'}");
    }
    Template touchpoint = node.parsed("touchpoint", Template::parse, raw.touchpointTemplate() == null ? null
        : Template.parse(raw.touchpointTemplate()));
    String timestamp = node.string("timestamp", raw.timestampField());
    if (touchpoint == null && !raw.linksOnly()) {
      node.error("touchpoint", "missing: a template such as 'call:{Queue.Name}'");
    }
    if (timestamp == null && !raw.linksOnly()) {
      node.error("timestamp", "missing: the field holding the time");
    }
    String format = node.string("timestamp-format", null);
    if (format != null) {
      node.parsed("timestamp-format", Timestamps::formatter, null);
    }
    String delimiter = node.string("delimiter", ",");
    if (delimiter.length() != 1) {
      node.error("delimiter", "expected one character, got '" + delimiter + "'");
      delimiter = ",";
    }
    Set<String> assistedChannels = new LinkedHashSet<>();
    node.strings("assisted-channels").forEach(c -> assistedChannels.add(c.trim().toLowerCase(Locale.ROOT)));
    if (assistedChannels.isEmpty()) {
      assistedChannels.addAll(assistedDefault);
    }
    if (errors.size() > 0 && (touchpoint == null || identity.isEmpty())) {
      return List.of();
    }
    SourceMapping mapping;
    try {
      mapping = new SourceMapping(name, touchpoint == null ? Template.parse("none") : touchpoint,
          templateOr(node, "channel", raw.channelTemplate()), templateOr(node, "owner", raw.ownerTemplate()),
          templateOr(node, "assisted", raw.assistedTemplate()), timestamp, format,
          node.parsed("time-zone", ZoneId::of, ZoneId.of("UTC")), identity, templateOr(node, "event-id", raw.eventIdTemplate()),
          patterns(node, "event-when", raw.eventWhenPatterns()), patterns(node, "exclude", raw.excludePatterns()),
          assistedChannels, raw.linksOnly());
    } catch (IllegalArgumentException e) {
      errors.add("key '" + node.path() + "': " + e.getMessage());
      return List.of();
    }
    ReadOptions read = new ReadOptions(ReadOptions.CASE_COLUMN_DEFAULT, ReadOptions.ACTIVITY_COLUMN_DEFAULT,
        ReadOptions.TIMESTAMP_COLUMN_DEFAULT, null, null, null, null, assistedChannels, null, mapping.zone(),
        delimiter.charAt(0), format);
    return paths.stream()
        .map(p -> new Source(p.contains("://") ? p : base.resolve(p).toString(), read, raw, mapping))
        .toList();
  }

  private static Template templateOr(ConfigNode node, String key, String preset) {
    return node.parsed(key, Template::parse, preset == null ? null : Template.parse(preset));
  }

  private static java.util.Map<String, java.util.regex.Pattern> patterns(ConfigNode node, String key,
      java.util.Map<String, String> preset) {
    java.util.Map<String, java.util.regex.Pattern> patterns = new java.util.LinkedHashMap<>();
    ConfigNode map = node.object(key);
    if (map == null) {
      preset.forEach((field, regex) -> patterns.put(field, java.util.regex.Pattern.compile(regex)));
      return patterns;
    }
    for (String field : map.keys()) {
      java.util.regex.Pattern p = map.parsed(field, java.util.regex.Pattern::compile, null);
      if (p != null) {
        patterns.put(field, p);
      }
    }
    return patterns;
  }

  private static boolean flag(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw new IllegalArgumentException("expected true or false, got '" + text + "'");
    };
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("expected an instant such as 2026-04-30T00:00:00Z, got '" + text + "'");
    }
  }
}
