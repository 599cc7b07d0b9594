package dev.journeys.jobs.config;

import dev.journeys.jobs.ingest.Identities;
import dev.journeys.jobs.ingest.ReadOptions;
import dev.journeys.model.journey.JourneyRules;
import dev.journeys.model.metric.Durations;
import dev.journeys.model.metric.RepeatWindow;
import dev.journeys.model.transition.RankBy;
import dev.journeys.model.transition.TransitionRanking;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The defaults of a run, in one place: what {@link ConfigReader} takes for a key the configuration leaves out, and,
 * as text, what the command line's options default to and its {@code --help} shows ({@link #option}). Where the
 * model or the readers define a default (the journey rules, the columns of an event log), it is taken from there.
 */
public final class Defaults {

  public static final RankBy RANK_BY = RankBy.LOWER_BOUND;
  public static final int MIN_PASSAGES = TransitionRanking.MIN_PASSAGES_DEFAULT;
  public static final int TOP = 10;
  public static final double MAX_BAD_ROWS_SHARE = 0.01;
  public static final int MAX_IDENTITY_KEYS = Identities.MAX_KEYS_DEFAULT;
  public static final ZoneId TIME_ZONE = ZoneId.of("UTC");
  public static final String DELIMITER = ",";
  public static final Duration NIGHTLY_WINDOW = Duration.ofDays(90);

  private static final Map<String, String> OPTIONS = Map.ofEntries(
      Map.entry("--journey-by", "case"),
      Map.entry("--case-column", ReadOptions.CASE_COLUMN_DEFAULT),
      Map.entry("--activity-column", ReadOptions.ACTIVITY_COLUMN_DEFAULT),
      Map.entry("--timestamp-column", ReadOptions.TIMESTAMP_COLUMN_DEFAULT),
      Map.entry("--assisted-channels", ReadOptions.ASSISTED_CHANNELS_DEFAULT_TEXT),
      Map.entry("--timezone", TIME_ZONE.getId()),
      Map.entry("--delimiter", DELIMITER),
      Map.entry("--inactivity", Durations.label(JourneyRules.defaults().inactivity())),
      Map.entry("--repeat-windows", JourneyRules.defaults().repeatWindows().stream().map(RepeatWindow::label)
          .collect(Collectors.joining(","))),
      Map.entry("--rank-by", RANK_BY.label()),
      Map.entry("--min-passages", Integer.toString(MIN_PASSAGES)),
      Map.entry("--max-bad-rows-share", Double.toString(MAX_BAD_ROWS_SHARE)),
      Map.entry("--top", Integer.toString(TOP)));

  private Defaults() {}

  /** The default of the command-line option {@code name} ({@code --inactivity}), as text; null when it has none. */
  public static String option(String name) {
    return OPTIONS.get(name);
  }

  /** A time zone by its id, with an error that says what one looks like. */
  static ZoneId zone(String id) {
    try {
      return ZoneId.of(id.trim());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("unknown time zone '" + id + "' (e.g. UTC, Europe/Amsterdam)");
    }
  }
}
