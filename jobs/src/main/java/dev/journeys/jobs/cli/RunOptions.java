package dev.journeys.jobs.cli;

import dev.journeys.jobs.config.RunConfig;
import dev.journeys.jobs.ingest.ReadOptions;
import dev.journeys.jobs.ingest.text.Timestamps;
import dev.journeys.model.journey.JourneyRules;
import dev.journeys.model.metric.Durations;
import dev.journeys.model.metric.RepeatWindow;
import dev.journeys.model.transition.RankBy;
import dev.journeys.model.transition.TransitionRanking;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Option;

/** The options of an analysis run, shared by {@code run} and {@code demo}. */
public class RunOptions {

  @Option(names = "--journey-by", defaultValue = "case", paramLabel = "case|customer",
      description = "case: each case is one journey, never cut (as pm4py). customer: cut each customer's events "
          + "into journeys by inactivity, goals, start touchpoints and maximum duration. Default: ${DEFAULT-VALUE}.")
  String journeyBy;

  @Option(names = "--case-column", defaultValue = ReadOptions.CASE_COLUMN_DEFAULT, paramLabel = "COL",
      description = "CSV column of the case id (XES: the trace's concept:name). Default: ${DEFAULT-VALUE}, "
          + "else case:concept:name when the file has it.")
  String caseColumn;

  @Option(names = "--activity-column", defaultValue = ReadOptions.ACTIVITY_COLUMN_DEFAULT, paramLabel = "COL",
      description = "Column (or XES attribute) of the activity, which becomes the touchpoint. Default: ${DEFAULT-VALUE} "
          + "(XES: concept:name), else concept:name when the file has it.")
  String activityColumn;

  @Option(names = "--timestamp-column", defaultValue = ReadOptions.TIMESTAMP_COLUMN_DEFAULT, paramLabel = "COL",
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
      defaultValue = ReadOptions.ASSISTED_CHANNELS_DEFAULT_TEXT,
      description = "Channels whose events are assisted contacts when there is no assisted column. Default: ${DEFAULT-VALUE}.")
  List<String> assistedChannels;

  @Option(names = "--lifecycle", paramLabel = "TRANSITION",
      description = "XES: keep only events with this lifecycle:transition (e.g. complete). Default: every event.")
  String lifecycle;

  @Option(names = "--timezone", defaultValue = "UTC", paramLabel = "ZONE",
      description = "Zone of timestamps that carry no offset. Default: ${DEFAULT-VALUE}.")
  String timezone;

  @Option(names = "--timestamp-format", paramLabel = "PATTERN",
      description = "A java.time pattern for the timestamps, e.g. 'dd/MM/yyyy HH:mm' or 'yyyy-MM-dd HH:mm:ssXXX'. "
          + "Default: ISO-8601 (with or without offset), or epoch seconds or milliseconds.")
  String timestampFormat;

  @Option(names = "--delimiter", defaultValue = ",", paramLabel = "CHAR",
      description = "CSV field delimiter. Default: comma.")
  char delimiter;

  @Option(names = "--goal", paramLabel = "TOUCHPOINT",
      description = "A touchpoint that means the journey converted (repeatable). Without a goal, fates and drop-off "
          + "rates are not judged.")
  List<String> goals = new ArrayList<>();

  @Option(names = "--start", paramLabel = "TOUCHPOINT",
      description = "A touchpoint that always starts a new journey (repeatable; --journey-by customer).")
  List<String> starts = new ArrayList<>();

  @Option(names = "--inactivity", defaultValue = "30d", paramLabel = "DURATION",
      description = "A silence longer than this starts a new journey (--journey-by customer), and a journey without "
          + "a goal is dropped once silent this long at the cut-off. Default: ${DEFAULT-VALUE}.")
  String inactivity;

  @Option(names = "--max-duration", paramLabel = "DURATION",
      description = "Cut a journey that would last longer than this (--journey-by customer). Default: no limit.")
  String maxDuration;

  @Option(names = "--repeat-windows", defaultValue = "24h,7d,30d", paramLabel = "W[,W...]",
      description = "Windows of the repeat-contact rates, one set of columns each. The ranking uses 7d when listed, "
          + "else the first. Default: ${DEFAULT-VALUE}.")
  String repeatWindows;

  @Option(names = "--cut-off", paramLabel = "INSTANT",
      description = "When fates and windows are judged, e.g. 2026-04-30T00:00:00Z; later events are left out and "
          + "counted. Default: the latest event's time.")
  String cutoff;

  @Option(names = "--rank-by", defaultValue = "lower-bound", paramLabel = "KEY",
      description = "lower-bound: the 95%% Wilson lower bound of the rate; impact: counted passages × (rate − "
          + "baseline); rate: the raw rate. Default: ${DEFAULT-VALUE}.")
  String rankBy;

  @Option(names = "--min-passages", defaultValue = "" + TransitionRanking.MIN_PASSAGES_DEFAULT, paramLabel = "N",
      description = "Rank only transitions with at least N passages. Default: ${DEFAULT-VALUE}.")
  int minPassages;

  @Option(names = "--max-bad-rows-share", defaultValue = "0.01", paramLabel = "SHARE",
      description = "Fail (exit 3) when more than this share of rows cannot be read. Default: ${DEFAULT-VALUE} (1%%).")
  double maxBadRowsShare;

  @Option(names = "--top", defaultValue = "" + RunConfig.TOP_DEFAULT, paramLabel = "N",
      description = "Rows of each ranked table shown on the console. Default: ${DEFAULT-VALUE}.")
  int top;

  @Option(names = "--accept-truncated",
      description = "Analyse what could be read of a file that ends early (a truncated .gz, an XML document that does "
          + "not close, a cut last CSV record) instead of failing (exit 3). The manifest notes each such file.")
  boolean acceptTruncated;

  @Option(names = "--allow-absent-goals",
      description = "Run on when a --goal or --start touchpoint never occurs in the events (a quiet day) instead of "
          + "failing (exit 3). The manifest notes it either way.")
  boolean allowAbsentGoals;

  public RunConfig toConfig(List<String> inputs, String out) {
    boolean perCase = switch (journeyBy.toLowerCase(Locale.ROOT)) {
      case "case" -> true;
      case "customer" -> false;
      default -> throw new IllegalArgumentException("--journey-by must be case or customer, got '" + journeyBy + "'");
    };
    if (out.contains("://") && !out.startsWith("file://")) {
      throw new IllegalArgumentException("--out must be a folder the driver can write to (local or mounted), got " + out);
    }
    if (!perCase && customerColumn == null) {
      throw new IllegalArgumentException("--journey-by customer needs --customer-column COL");
    }
    ZoneId zone;
    try {
      zone = ZoneId.of(timezone);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("--timezone: unknown zone '" + timezone + "' (e.g. UTC, Europe/Amsterdam)");
    }
    if (!(maxBadRowsShare >= 0 && maxBadRowsShare <= 1)) {
      throw new IllegalArgumentException("--max-bad-rows-share must be between 0 and 1, got " + maxBadRowsShare);
    }
    if (minPassages < 0) {
      throw new IllegalArgumentException("--min-passages must be 0 or more, got " + minPassages);
    }
    if (top < 1) {
      throw new IllegalArgumentException("--top must be 1 or more, got " + top);
    }
    Set<String> assisted = new LinkedHashSet<>();
    assistedChannels.forEach(c -> assisted.add(c.trim().toLowerCase(Locale.ROOT)));
    ReadOptions read = new ReadOptions(caseColumn, activityColumn, timestampColumn, customerColumn, channelColumn,
        ownerColumn, assistedColumn, assisted, lifecycle, zone, delimiter,
        timestampFormat == null ? null : option("--timestamp-format", () -> {
          Timestamps.formatter(timestampFormat);
          return timestampFormat;
        }));
    List<RepeatWindow> windows = Arrays.stream(repeatWindows.split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).map(w -> option("--repeat-windows", () -> RepeatWindow.parse(w)))
        .toList();
    Duration inactive = option("--inactivity", () -> Durations.positive(inactivity));
    Duration max = maxDuration == null ? null : option("--max-duration", () -> Durations.positive(maxDuration));
    JourneyRules rules = new JourneyRules(inactive, Set.copyOf(goals), Set.copyOf(starts), max, perCase, windows,
        JourneyRules.defaultRankedWindow(windows));
    Instant cut = null;
    if (cutoff != null) {
      try {
        cut = Instant.parse(cutoff);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("--cut-off: cannot read '" + cutoff + "' (expected e.g. 2026-04-30T00:00:00Z)");
      }
    }
    RankBy rank = option("--rank-by", () -> RankBy.parse(rankBy));
    return new RunConfig(inputs, out, read, rules, cut, rank, minPassages, maxBadRowsShare, top)
        .withLeniency(acceptTruncated, allowAbsentGoals);
  }

  private static <T> T option(String name, java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage());
    }
  }
}
