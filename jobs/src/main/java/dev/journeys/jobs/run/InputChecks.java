package dev.journeys.jobs.run;


import dev.journeys.jobs.config.RunConfig;
import dev.journeys.jobs.engine.IngestResult;
import dev.journeys.jobs.engine.JourneysResult;
import dev.journeys.jobs.ingest.Break;
import dev.journeys.jobs.ingest.InputException;
import dev.journeys.jobs.ingest.InputFile;
import dev.journeys.jobs.ingest.OpenedFile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a run checks of its input before it reports on it, so that a report never rests on a fraction of
 * the input or on a misspelt goal without a word: after ingest, files that ended early and the share of
 * rows that could not be read; after the journeys, goals and start touchpoints that never occur, and
 * dates that are most likely misread. A check that fails throws {@link InputException} (exit 3).
 */
final class InputChecks {

  private static final Instant EARLIEST_PLAUSIBLE = Instant.parse("1970-01-01T00:00:00Z");
  private static final Instant LATEST_PLAUSIBLE = Instant.parse("2100-01-01T00:00:00Z");

  private InputChecks() {}

  /** The compressed size from which a gzipped text file is worth decompressing to read it with every core. */
  static final long LARGE_GZIP_BYTES = 16L << 20;

  /**
   * When one gzipped text file that could be read in byte ranges once decompressed (a CSV log, a raw export in CSV,
   * JSON lines or an access log) holds most of the input, the advice to decompress it: gzip cannot be split, so
   * one task reads it while the other cores wait, where an uncompressed file is read in byte ranges by all of them.
   * Null when no such file, or one core.
   */
  static String unsplittableGzip(List<InputFile> files, org.apache.hadoop.conf.Configuration hadoop, int cores) {
    if (cores < 2) {
      return null;
    }
    long total = 0;
    InputFile largest = null;
    long largestBytes = 0;
    for (InputFile f : files) {
      long bytes = OpenedFile.sizeOrZero(f, hadoop);
      total += bytes;
      if (f.gzipped() && bytes > largestBytes && f.cut(hadoop) != InputFile.Cut.WHOLE) {
        largest = f;
        largestBytes = bytes;
      }
    }
    if (largest == null || largestBytes < LARGE_GZIP_BYTES || largestBytes * 2 < total) {
      return null;
    }
    String name = Break.display(largest.path());
    return String.format(Locale.ROOT, "%s holds %.0f%% of the input (%,d MB compressed) and gzip cannot be split, "
        + "so one core reads it while %s; to read it with all %d cores, decompress it first (gunzip -k %s) and "
        + "read the decompressed file instead", name, 100.0 * largestBytes / total, largestBytes >> 20,
        cores == 2 ? "the other waits" : "the other " + (cores - 1) + " wait", cores, name);
  }

  /**
   * Fails on a file that ended early (unless accepted), on more unreadable rows than the run allows (rows
   * lost after a file broke off count, estimated from its unread share), and on no events at all.
   */
  static void afterIngest(IngestResult ingest, RunConfig config, Path quarantineCsv) {
    // With --accept-truncated, neither the rows lost nor the row each such file quarantines to say so count.
    long unread = config.acceptTruncated() ? 0 : ingest.estimatedUnreadRows();
    long accepted = config.acceptTruncated() ? ingest.breaks().size() : 0;
    long bad = ingest.quarantined() + unread - accepted;
    long counted = ingest.rowsRead() + unread - accepted;
    double badShare = counted == 0 ? 0 : (double) bad / counted;
    List<Break> endedEarly = ingest.breaks().stream().filter(Break::endsEarly).toList();
    if (!endedEarly.isEmpty() && !config.acceptTruncated()) {
      throw new InputException(endedEarly.size() + (endedEarly.size() == 1 ? " input ends" : " inputs end")
          + " early, so what the rest held is lost and unknown: " + describe(endedEarly)
          + ". Get the whole file again, or rerun with --accept-truncated to analyse what was read");
    }
    if (badShare > config.maxBadRowsShare()) {
      throw new InputException(String.format(Locale.ROOT,
          "%,d of %,d rows (%.2f%%) could not be read%s, more than --max-bad-rows-share %.2f%%; see %s for each row's "
          + "file, line and reason", bad, counted, 100 * badShare,
          unread == 0 ? "" : String.format(Locale.ROOT, " (%,d of them estimated, after %s that broke off: %s)", unread,
              ingest.breaks().size() == 1 ? "a file" : ingest.breaks().size() + " files", describe(ingest.breaks())),
          100 * config.maxBadRowsShare(), quarantineCsv));
    }
    if (ingest.eventsRead() == 0 && ingest.filtered() > 0) {
      throw new InputException(String.format(Locale.ROOT, "No events left: all %,d were left out by --lifecycle %s "
          + "(their lifecycle:transition has another value)", ingest.filtered(),
          config.sources().stream().map(s -> s.read().lifecycle()).filter(Objects::nonNull).distinct()
              .collect(Collectors.joining(", "))));
    }
    if (ingest.eventsRead() == 0) {
      throw new InputException("No events could be read from " + String.join(", ", config.inputs()));
    }
  }

  private static String describe(List<Break> breaks) {
    return breaks.stream().map(b -> b.file() + ": " + b.describe()).collect(Collectors.joining("; "));
  }

  /** The checks on what the journeys found, against every event read (not only a nightly window's). */
  static void afterJourneys(IngestResult ingest, JourneysResult journeys, RunConfig config, Manifest manifest) {
    // A goal absent on a quiet night is not a typo: it is looked for in every event read.
    Set<String> occurring = new HashSet<>(journeys.counts().touchpoints().keySet());
    ingest.profile().combinations().forEach(c -> occurring.add(c[0]));
    checkNamedTouchpoints(config, occurring, manifest);
    noteImplausibleDates(journeys, manifest);
  }

  /**
   * A goal or start touchpoint that never occurs is most often a typo, and would make every journey
   * dropped (or never cut) without a word: it fails the run (exit 3), naming the nearest touchpoints that
   * do occur, unless the run allows it; the manifest notes it either way.
   */
  static void checkNamedTouchpoints(RunConfig config, Set<String> occurring, Manifest manifest) {
    List<String> absent = new ArrayList<>();
    for (String kind : List.of("goal", "start", "--around touchpoint")) {
      Set<String> named = kind.equals("goal") ? config.rules().goals() : kind.equals("start")
          ? config.rules().starts() : config.around() == null ? Set.of() : Set.of(config.around());
      for (String name : new TreeSet<>(named)) {
        if (!occurring.contains(name)) {
          List<String> near = dev.journeys.model.text.Nearest.to(name, occurring, 3);
          absent.add(String.format(Locale.ROOT, "the %s '%s' never occurs%s", kind, name, near.isEmpty() ? ""
              : " (nearest: " + String.join(", ", near.stream().map(n -> "'" + n + "'").toList()) + ")"));
        }
      }
    }
    if (absent.isEmpty()) {
      return;
    }
    String what = String.join("; ", absent);
    manifest.note("In the events read, " + what + (config.allowAbsentGoals() ? " (allowed: --allow-absent-goals)"
        : ""));
    if (!config.allowAbsentGoals()) {
      throw new InputException("In the events read, " + what + ". Check the spelling, or add "
          + "--allow-absent-goals (allow-absent-goals: true) when they may be absent, as on a quiet day");
    }
  }

  /** Events dated before 1970 or after 2100 are most often misread times (epoch units, a placeholder year). */
  static void noteImplausibleDates(JourneysResult journeys, Manifest manifest) {
    if (journeys.firstEvent() != null && journeys.firstEvent().isBefore(EARLIEST_PLAUSIBLE)) {
      manifest.note("The first event is dated " + journeys.firstEvent() + ", before 1970: check the timestamp column "
          + "and its format (epoch seconds read as milliseconds, a placeholder date?)");
    }
    if (journeys.lastEvent() != null && journeys.lastEvent().isAfter(LATEST_PLAUSIBLE)) {
      manifest.note("The last event is dated " + journeys.lastEvent() + ", after 2100: check the timestamp column and "
          + "its format (a placeholder date such as 9999-12-31?)");
    }
  }
}
