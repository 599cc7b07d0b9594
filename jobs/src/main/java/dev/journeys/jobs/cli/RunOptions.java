package dev.journeys.jobs.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeys.jobs.config.ConfigReader;
import dev.journeys.jobs.config.Defaults;
import dev.journeys.jobs.config.RunConfig;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;


/** The options of an analysis run, shared by {@code run} and {@code demo}; their defaults are {@link Defaults}'. */
public class RunOptions {

  @Option(names = "--journey-by", paramLabel = "case|customer",
      description = "case: each case is one journey, never cut (as pm4py). customer: cut each customer's events "
          + "into journeys by inactivity, goals, start touchpoints and maximum duration. Default: ${DEFAULT-VALUE}.")
  String journeyBy;

  @Option(names = "--case-column", paramLabel = "COL",
      description = "CSV column of the case id (XES: the trace's concept:name). Default: ${DEFAULT-VALUE}, "
          + "else case:concept:name when the file has it.")
  String caseColumn;

  @Option(names = "--activity-column", paramLabel = "COL",
      description = "Column (or XES attribute) of the activity, which becomes the touchpoint. Default: ${DEFAULT-VALUE} "
          + "(XES: concept:name), else concept:name when the file has it.")
  String activityColumn;

  @Option(names = "--timestamp-column", paramLabel = "COL",
      description = "Column (or XES attribute) of the time, ISO-8601 with or without an offset. Default: "
          + "${DEFAULT-VALUE} (XES: time:timestamp), else time:timestamp when the file has it.")
  String timestampColumn;

  @Option(names = "--customer-column", paramLabel = "COL",
      description = "Column (or XES attribute; case:NAME for a trace attribute) of the customer. Needed for "
          + "--journey-by customer; with --journey-by case it groups cases of one customer for repeat contacts. "
          + "Default: the case is the customer.")
  String customerColumn;

  @Option(names = "--channel-column", paramLabel = "COL",
      description = "Column of the channel. Default: the touchpoint's prefix before ':' (phone:billing → phone).")
  String channelColumn;

  @Option(names = "--owner-column", paramLabel = "COL",
      description = "Column of the owning department. Default: none (hand-off shares stay empty).")
  String ownerColumn;

  @Option(names = "--assisted-column", paramLabel = "COL",
      description = "Column saying whether staff handled the event (true/false, yes/no, 1/0). Default: by channel.")
  String assistedColumn;

  @Option(names = "--assisted-channels", split = ",", paramLabel = "CH[,CH...]",
      description = "Channels whose events are assisted contacts when there is no assisted column. Default: ${DEFAULT-VALUE}.")
  List<String> assistedChannels;

  @Option(names = "--lifecycle", paramLabel = "TRANSITION",
      description = "XES: keep only events with this lifecycle:transition (e.g. complete). Default: every event.")
  String lifecycle;

  @Option(names = "--timezone", paramLabel = "ZONE",
      description = "Zone of timestamps that carry no offset. Default: ${DEFAULT-VALUE}.")
  String timezone;

  @Option(names = "--timestamp-format", paramLabel = "PATTERN",
      description = "A java.time pattern for the timestamps, e.g. 'dd/MM/yyyy HH:mm' or 'yyyy-MM-dd HH:mm:ssXXX'. "
          + "Default: ISO-8601 (with or without offset), or epoch seconds or milliseconds.")
  String timestampFormat;

  @Option(names = "--delimiter", paramLabel = "CHAR",
      description = "CSV field delimiter. Default: comma.")
  String delimiter;

  @Option(names = "--attribute-column", paramLabel = "COL",
      description = "A column (or XES attribute) kept as an attribute of the events (repeatable): in events/, and per "
          + "journey (the first value its events hold) in journeys/.")
  List<String> attributeColumns = new ArrayList<>();

  @Option(names = "--segment-by", paramLabel = "ATTRIBUTE",
      description = "Put each customer in the segment of its first value of ATTRIBUTE (read from the column of that "
          + "name when not kept already): every table is also written per segment (segments/), and "
          + "segment_changes.csv compares two of them.")
  String segmentBy;

  @Option(names = "--compare", split = ",", paramLabel = "A,B",
      description = "The two segments segment_changes.csv compares (A's rates against B's). Default: the two with the "
          + "most customers.")
  List<String> compare;

  @Option(names = "--around", paramLabel = "TOUCHPOINT",
      description = "The touchpoint whose paths paths.csv and the report show: the most common 4 steps before and "
          + "after it, and what the journeys that dropped did last. Default: the touchpoint after the worst drop-off.")
  String around;

  @Option(names = "--goal", paramLabel = "TOUCHPOINT",
      description = "A touchpoint that means the journey converted (repeatable). Without a goal, fates and drop-off "
          + "rates are not judged.")
  List<String> goals = new ArrayList<>();

  @Option(names = "--stages", paramLabel = "FILE",
      description = "A YAML file of stages, in order, each {name, touchpoints: [patterns, * any text], goals: "
          + "[touchpoints]} (a list, or under 'stages:'): a journey is judged against its first event's stage's goals "
          + "(none: unjudged), and stages.csv ranks the passages between stages. Replaces --goal.")
  Path stagesFile;

  @Option(names = "--start", paramLabel = "TOUCHPOINT",
      description = "A touchpoint that always starts a new journey (repeatable; --journey-by customer).")
  List<String> starts = new ArrayList<>();

  @Option(names = "--inactivity", paramLabel = "DURATION",
      description = "A silence longer than this starts a new journey (--journey-by customer), and a journey without "
          + "a goal is dropped once silent this long at the cut-off. Default: ${DEFAULT-VALUE}.")
  String inactivity;

  @Option(names = "--max-duration", paramLabel = "DURATION",
      description = "Cut a journey that would last longer than this (--journey-by customer). Default: no limit.")
  String maxDuration;

  @Option(names = "--repeat-windows", paramLabel = "W[,W...]",
      description = "Windows of the repeat-contact rates, one set of columns each. The ranking uses 7d when listed, "
          + "else the first. Default: ${DEFAULT-VALUE}.")
  String repeatWindows;

  @Option(names = "--cut-off", paramLabel = "INSTANT",
      description = "When fates and windows are judged, e.g. 2026-04-30T00:00:00Z; later events are left out and "
          + "counted. Default: the latest event's time.")
  String cutoff;

  @Option(names = "--rank-by", paramLabel = "KEY",
      description = "lower-bound: the 95%% Wilson lower bound of the rate; impact: counted passages × (rate − "
          + "baseline); rate: the raw rate. Default: ${DEFAULT-VALUE}.")
  String rankBy;

  @Option(names = "--min-passages", paramLabel = "N",
      description = "Rank only transitions with at least N passages. Default: ${DEFAULT-VALUE}.")
  Integer minPassages;

  @Option(names = "--max-bad-rows-share", paramLabel = "SHARE",
      description = "Fail (exit 3) when more than this share of rows cannot be read. Default: ${DEFAULT-VALUE} (1%%).")
  Double maxBadRowsShare;

  @Option(names = "--top", paramLabel = "N",
      description = "Rows of each ranked table shown on the console. Default: ${DEFAULT-VALUE}.")
  Integer top;

  @Option(names = "--accept-truncated",
      description = "Analyse what could be read of a file that ends early (a truncated .gz, an XML document that does "
          + "not close, a cut last CSV record) instead of failing (exit 3). The manifest notes each such file.")
  boolean acceptTruncated;

  @Option(names = "--allow-absent-goals",
      description = "Run on when a --goal or --start touchpoint never occurs in the events (a quiet day) instead of "
          + "failing (exit 3). The manifest notes it either way.")
  boolean allowAbsentGoals;

  /**
   * The run these options describe, over {@code inputs}, written to {@code out}: the options become a configuration
   * in the shape of the config file (each input a source, read the same way), which {@link ConfigReader} validates
   * and completes with its defaults, exactly as it does a file. A problem names the option.
   */
  public RunConfig toConfig(List<String> inputs, String out) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ArrayNode sources = root.putArray("sources");
    for (String input : inputs) {
      ObjectNode source = sources.addObject().put("path", input);
      put(source, "case-column", caseColumn);
      put(source, "activity-column", activityColumn);
      put(source, "timestamp-column", timestampColumn);
      put(source, "customer-column", customerColumn);
      put(source, "channel-column", channelColumn);
      put(source, "owner-column", ownerColumn);
      put(source, "assisted-column", assistedColumn);
      if (assistedChannels != null) {
        assistedChannels.forEach(source.withArray("assisted-channels")::add);
      }
      put(source, "lifecycle", lifecycle);
      put(source, "time-zone", timezone);
      put(source, "timestamp-format", timestampFormat);
      put(source, "delimiter", delimiter);
      attributeColumns.forEach(source.withArray("attributes")::add);
    }
    if (around != null) {
      root.putObject("paths").put("around", around);
    }
    if (segmentBy != null || compare != null) {
      ObjectNode segments = root.putObject("segments");
      put(segments, "by", segmentBy);
      if (compare != null) {
        compare.forEach(segments.withArray("compare")::add);
      }
    }
    ObjectNode journeys = root.putObject("journeys");
    put(journeys, "by", journeyBy);
    goals.forEach(journeys.withArray("goals")::add);
    starts.forEach(journeys.withArray("starts")::add);
    put(journeys, "inactivity", inactivity);
    put(journeys, "max-duration", maxDuration);
    if (repeatWindows != null) {
      ArrayNode windows = journeys.putArray("repeat-windows");
      Arrays.stream(repeatWindows.split(",")).map(String::trim).filter(w -> !w.isEmpty()).forEach(windows::add);
    }
    put(journeys, "cut-off", cutoff);
    ObjectNode ranking = root.putObject("ranking");
    put(ranking, "by", rankBy);
    if (minPassages != null) {
      ranking.put("min-passages", minPassages);
    }
    if (top != null) {
      ranking.put("top", top);
    }
    if (maxBadRowsShare != null) {
      root.put("max-bad-rows-share", maxBadRowsShare);
    }
    if (stagesFile != null) {
      root.set("stages", stages(stagesFile));
    }
    root.put("accept-truncated", Boolean.toString(acceptTruncated));
    root.put("allow-absent-goals", Boolean.toString(allowAbsentGoals));
    return ConfigReader.read(root, null, RunOptions::option, out);
  }

  /** The stages a {@code --stages} file lists (a list, or a map with {@code stages:}). */
  private static com.fasterxml.jackson.databind.JsonNode stages(Path file) {
    com.fasterxml.jackson.databind.JsonNode tree;
    try {
      tree = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(java.nio.file.Files.readString(file));
    } catch (java.io.IOException e) {
      throw new dev.journeys.jobs.config.ConfigException(List.of("--stages " + file + ": cannot read it: "
          + e.getMessage()));
    }
    return tree != null && tree.has("stages") ? tree.get("stages")
        : tree == null ? JsonNodeFactory.instance.arrayNode() : tree;
  }

  private static void put(ObjectNode node, String key, String value) {
    if (value != null) {
      node.put(key, value);
    }
  }

  /** The option a key of the configuration comes from, as problems name it. */
  static String option(String key) {
    if (key.startsWith("stages")) {
      return "--stages file, " + key;
    }
    String name = key.replaceFirst("^sources(\\[\\d+\\])?\\.", "");
    return switch (name) {
      case "journeys.by" -> "--journey-by";
      case "journeys.goals" -> "--goal";
      case "journeys.starts" -> "--start";
      case "journeys.cut-off" -> "--cut-off";
      case "attributes" -> "--attribute-column";
      case "segments.by" -> "--segment-by";
      case "segments.compare" -> "--compare";
      case "paths.around" -> "--around";
      case "ranking.by" -> "--rank-by";
      case "time-zone" -> "--timezone";
      default -> "--" + name.substring(name.lastIndexOf('.') + 1).replaceFirst("\\[\\d+\\]$", "");
    };
  }
}
