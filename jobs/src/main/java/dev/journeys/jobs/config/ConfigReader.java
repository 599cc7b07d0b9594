package dev.journeys.jobs.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeys.jobs.ingest.ReadOptions;
import dev.journeys.jobs.ingest.Source;
import dev.journeys.jobs.ingest.raw.RawFormat;
import dev.journeys.jobs.ingest.raw.PhoneNumbers;
import dev.journeys.jobs.ingest.raw.Scrubber;
import dev.journeys.model.journey.JourneyRules;
import dev.journeys.model.journey.Stages;
import dev.journeys.model.metric.Durations;
import dev.journeys.model.metric.RepeatWindow;
import dev.journeys.model.transition.RankBy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds a {@link RunConfig} from a run's configuration in the shape of the YAML file ({@code sources},
 * {@code journeys}, {@code ranking}, …), whether it came from a file ({@link ConfigFile}) or from the command line's
 * options: one reader, so both are validated the same way, with the same defaults ({@link Defaults}). Every problem
 * is collected; a {@link ConfigException} lists them all.
 */
public final class ConfigReader {

  static final Set<String> TOP = Set.of("sources", "journeys", "stages", "ranking", "identity", "nightly",
      "max-bad-rows-share", "accept-truncated", "allow-absent-goals", "scrub", "out", "segments", "paths");
  static final Set<String> PATHS = Set.of("around");
  static final Set<String> SEGMENTS = Set.of("by", "compare");
  static final Set<String> STAGE = Set.of("name", "touchpoints", "goals");
  static final Set<String> NIGHTLY = Set.of("window");
  static final Set<String> IDENTITY = Set.of("max-keys", "pseudonymise", "default-region");
  static final Set<String> JOURNEYS = Set.of("by", "goals", "starts", "inactivity", "max-duration", "repeat-windows",
      "assisted-channels", "cut-off", "contact-chains");
  static final Set<String> RANKING = Set.of("by", "min-passages", "top");

  private ConfigReader() {}

  /**
   * The run {@code root} describes. Relative paths lie under {@code base} (null: as given); {@code name} says how a
   * problem names its key; {@code outOverride} (the command line's {@code --out}) wins over {@code out}.
   */
  public static RunConfig read(JsonNode root, Path base, Function<String, String> name, String outOverride) {
    return parse(root, base, name, outOverride).run();
  }

  /** A run's configuration read: the run, and the trailing window of its nightly runs ({@code nightly.window}). */
  public record Parsed(RunConfig run, Duration nightlyWindow) {}

  /** As {@link #read}, with the nightly window too. */
  public static Parsed parse(JsonNode root, Path base, Function<String, String> name, String outOverride) {
    List<String> errors = new ArrayList<>();
    ConfigNode top = new ConfigNode(root, "", errors, name);
    top.allowOnly(TOP);

    JourneyRules rules = rules(top.object("journeys"), errors);
    Stages stages = stages(top, errors);
    if (stages != null) {
      if (!rules.goals().isEmpty()) {
        top.error("stages", "the goals are the stages' own goals: remove journeys.goals (--goal), or give them to a stage");
      } else {
        rules = rules.withStages(stages);
      }
    }
    Instant cutoff = top.object("journeys") == null ? null
        : top.object("journeys").parsed("cut-off", ConfigReader::instant, null);
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
    ConfigNode segments = top.object("segments");
    String segmentBy = null;
    List<String> compare = List.of();
    if (segments != null) {
      segments.allowOnly(SEGMENTS);
      segmentBy = segments.string("by", null);
      if (segmentBy == null || segmentBy.isBlank()) {
        segments.error("by", "missing: the attribute whose values make the segments, e.g. region");
        segmentBy = null;
      } else {
        segmentBy = segmentBy.trim();
      }
      compare = segments.strings("compare").stream().map(String::trim).toList();
      if (!compare.isEmpty() && (compare.size() != 2 || compare.get(0).equals(compare.get(1)))) {
        segments.error("compare", "expected two different segments, e.g. DE,FR, got " + compare);
        compare = List.of();
      }
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
      sources.addAll(raw != null ? SourceReader.export(source, raw, base, assistedDefault, errors)
          : SourceReader.log(source, base, rules, assistedDefault, errors));
    }
    if (segmentBy != null) {
      // An event log reads the attribute segments are made by from the column of that name, unless it keeps it already.
      String by = segmentBy;
      sources.replaceAll(s -> s.isRaw() || s.read().attributeColumns().contains(by) ? s
          : new Source(s.path(), s.read().withAttributeColumns(java.util.stream.Stream.concat(
              s.read().attributeColumns().stream(), java.util.stream.Stream.of(by)).toList())));
      if (!sources.isEmpty() && sources.stream().allMatch(s -> s.isRaw() && !s.mapping().attributes().containsKey(by))) {
        segments.error("by", "no source keeps an attribute named '" + by + "': add it to a source's attributes, e.g. "
            + "attributes: {" + by + ": '{field}'}");
      }
    }
    rules = rules.withSegmentBy(segmentBy).withAttributes(sources.stream().anyMatch(s -> s.isRaw()
        ? !s.mapping().attributes().isEmpty() : !s.read().attributeColumns().isEmpty()));
    ConfigNode identity = top.object("identity");
    int maxKeys = Defaults.MAX_IDENTITY_KEYS;
    boolean pseudonymise = true;
    PhoneNumbers phones = PhoneNumbers.INTERNATIONAL_ONLY;
    if (identity != null) {
      phones = identity.parsed("default-region", PhoneNumbers::withDefaultRegion, PhoneNumbers.INTERNATIONAL_ONLY);
      identity.allowOnly(IDENTITY);
      maxKeys = identity.integer("max-keys", maxKeys);
      if (maxKeys < 1) {
        identity.error("max-keys", "expected 1 or more, got " + maxKeys);
      }
      pseudonymise = identity.parsed("pseudonymise", ConfigReader::flag, true);
    }
    boolean chainsAsOne = journeysNode != null
        && journeysNode.parsed("contact-chains", ConfigReader::chainsAsOne, false);
    ConfigNode nightly = top.object("nightly");
    Duration nightlyWindow = Defaults.NIGHTLY_WINDOW;
    if (nightly != null) {
      nightly.allowOnly(NIGHTLY);
      nightlyWindow = nightly.parsed("window", Durations::positive, Defaults.NIGHTLY_WINDOW);
    }
    ConfigNode ranking = top.object("ranking");
    RankBy rankBy = ranking == null ? Defaults.RANK_BY : ranking.parsed("by", RankBy::parse, Defaults.RANK_BY);
    int minPassages = ranking == null ? Defaults.MIN_PASSAGES : ranking.integer("min-passages", Defaults.MIN_PASSAGES);
    int topRows = ranking == null ? Defaults.TOP : ranking.integer("top", Defaults.TOP);
    if (ranking != null) {
      ranking.allowOnly(RANKING);
      if (minPassages < 0) {
        ranking.error("min-passages", "expected 0 or more, got " + minPassages);
      }
      if (topRows < 1) {
        ranking.error("top", "expected 1 or more, got " + topRows);
      }
    }
    double maxBad = top.number("max-bad-rows-share", Defaults.MAX_BAD_ROWS_SHARE);
    boolean acceptTruncated = top.parsed("accept-truncated", ConfigReader::flag, false);
    boolean allowAbsentGoals = top.parsed("allow-absent-goals", ConfigReader::flag, false);
    if (!(maxBad >= 0 && maxBad <= 1)) {
      top.error("max-bad-rows-share", "expected a share between 0 and 1, got " + maxBad);
    }
    Scrubber scrubber = Scrubber.DEFAULT;
    ConfigNode scrub = top.object("scrub");
    if (scrub != null) {
      scrub.allowOnly(Set.of("patterns"));
      ConfigNode patterns = scrub.object("patterns");
      if (patterns != null) {
        java.util.Map<String, String> named = new java.util.LinkedHashMap<>();
        patterns.keys().forEach(k -> named.put(k, patterns.string(k, "")));
        try {
          scrubber = Scrubber.with(named);
        } catch (IllegalArgumentException e) {
          scrub.error("patterns", e.getMessage());
        }
      }
    }
    String out = outOverride != null ? outOverride : top.parsed("out", o -> SourceReader.resolve(base, o), null);
    if (out == null) {
      errors.add(name.apply("out") + ": missing (or give --out on the command line)");
    } else if (out.contains("://") && !out.startsWith("file://")) {
      errors.add(name.apply("out") + ": must be a folder the driver can write to (local or mounted), got " + out);
    }
    if (!errors.isEmpty()) {
      throw new ConfigException(List.copyOf(new LinkedHashSet<>(errors)));
    }
    return new Parsed(new RunConfig(sources, out, rules, cutoff, rankBy, minPassages, maxBad, topRows, maxKeys,
        pseudonymise, null, null, acceptTruncated, allowAbsentGoals, scrubber, phones, chainsAsOne, compare,
        around(top)), nightlyWindow);
  }

  /** The touchpoint of {@code paths: {around: T}}, or null: the one after the worst drop-off. */
  private static String around(ConfigNode top) {
    ConfigNode paths = top.object("paths");
    if (paths == null) {
      return null;
    }
    paths.allowOnly(PATHS);
    String around = paths.string("around", null);
    if (around != null && around.isBlank()) {
      paths.error("around", "expected a touchpoint, e.g. web:apply_rate_shown");
      return null;
    }
    return around == null ? null : around.trim();
  }

  /** {@code one}: the legs of a contact chain are one contact; {@code each} (the default): each leg is a contact. */
  private static boolean chainsAsOne(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "one" -> true;
      case "each" -> false;
      default -> throw new IllegalArgumentException("expected one or each, got '" + text + "'");
    };
  }

  /**
   * The stages of {@code stages:}, in order, each {@code {name, touchpoints: [globs], goals: [touchpoints]}}; null
   * when there are none (or they are wrong: the errors say why).
   */
  static Stages stages(ConfigNode top, List<String> errors) {
    if (!top.has("stages")) {
      return null;
    }
    List<Stages.Stage> list = new ArrayList<>();
    int before = errors.size();
    for (ConfigNode stage : top.list("stages")) {
      stage.allowOnly(STAGE);
      String name = stage.string("name", null);
      List<String> touchpoints = stage.strings("touchpoints");
      if (name == null || name.isBlank()) {
        stage.error("name", "missing (every stage needs a name)");
      } else if (touchpoints.isEmpty()) {
        stage.error("touchpoints", "missing (a list of touchpoint patterns, * matching any text)");
      } else {
        list.add(new Stages.Stage(name.trim(), touchpoints, Set.copyOf(stage.strings("goals"))));
      }
    }
    if (errors.size() > before) {
      return null;
    }
    if (list.isEmpty()) {
      top.error("stages", "expected a list of stages, each with a name and touchpoints");
      return null;
    }
    try {
      return new Stages(list);
    } catch (IllegalArgumentException e) {
      top.error("stages", e.getMessage());
      return null;
    }
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

  static boolean flag(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw new IllegalArgumentException("expected true or false, got '" + text + "'");
    };
  }

  static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("expected an instant such as 2026-04-30T00:00:00Z, got '" + text + "'");
    }
  }
}
