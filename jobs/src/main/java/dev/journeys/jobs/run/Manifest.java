package dev.journeys.jobs.run;

import dev.journeys.jobs.config.RunConfig;
import dev.journeys.jobs.engine.IngestResult;
import dev.journeys.jobs.engine.JourneysResult;
import dev.journeys.jobs.engine.Stitching;
import dev.journeys.jobs.ingest.Break;
import dev.journeys.jobs.ingest.ReadOptions;
import dev.journeys.jobs.ingest.Source;
import dev.journeys.jobs.io.Progress;
import dev.journeys.jobs.io.RunManifest;
import dev.journeys.model.journey.Fate;
import dev.journeys.model.metric.Durations;
import dev.journeys.model.metric.RepeatWindow;
import dev.journeys.model.transition.TransitionCounts;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * The run's manifest as the stages fill it in: the options at the start, then what ingest read, then what the
 * journeys counted, the variants and transitions, and notes. {@link #snapshot} is the manifest so far (for the
 * report, written before the manifest); {@link #write} writes it, last of all.
 */
public final class Manifest {

  private final String started = Instant.now().toString();
  private final RunManifest.Options options;
  private final Progress progress;
  private final List<String> notes = new ArrayList<>();
  private List<RunManifest.Input> inputs;
  private List<RunManifest.BrokenFile> brokenOff;
  private Map<String, Object> stitching;
  private IngestResult ingest;
  private JourneysResult journeys;
  private Long eventsBeforeWindow;
  private Long variants;
  private Long transitions;
  private final dev.journeys.model.journey.Stages stages;

  public Manifest(RunConfig config, Progress progress) {
    this.progress = progress;
    this.stages = config.rules().stages();
    List<RunManifest.SourceOptions> sources = new ArrayList<>();
    for (Source source : config.sources()) {
      ReadOptions read = source.read();
      sources.add(new RunManifest.SourceOptions(source.path(), read.caseColumn(), read.activityColumn(),
          read.timestampColumn(), read.timestampFormat(), read.zone().getId(), read.customerColumn(),
          read.channelColumn(), read.ownerColumn(), read.assistedColumn(),
          List.copyOf(new TreeSet<>(read.assistedChannels())), read.lifecycle()));
    }
    this.options = new RunManifest.Options(config.rules().perCase() ? "case" : "customer", sources,
        List.copyOf(new TreeSet<>(config.rules().goals())), List.copyOf(new TreeSet<>(config.rules().starts())),
        Durations.label(config.rules().inactivity()),
        config.rules().maxDuration() == null ? null : Durations.label(config.rules().maxDuration()),
        config.rules().repeatWindows().stream().map(RepeatWindow::label).toList(),
        config.rules().repeatWindows().get(config.rules().rankedWindow()).label(),
        config.cutoff() == null ? "latest event" : config.cutoff().toString(),
        config.windowStart() == null ? null : config.windowStart().toString(), config.rankBy().label(),
        config.minPassages(), config.maxBadRowsShare());
    if (!config.rules().judgesFates()) {
      notes.add("No goal configured (--goal): fates are not judged, so drop-off rates are empty.");
    }
  }

  public void ingest(IngestResult result) {
    ingest(result, false);
  }

  /** The inputs and what reading them found; files that broke off and invalid UTF-8 are noted. */
  public void ingest(IngestResult result, boolean acceptTruncated) {
    this.ingest = result;
    inputs = result.inputs().stream().map(f -> new RunManifest.Input(f.path(),
        f.format().name().toLowerCase(Locale.ROOT), f.sourceOrder())).toList();
    if (!result.breaks().isEmpty()) {
      brokenOff = new ArrayList<>();
      for (Break b : result.breaks()) {
        brokenOff.add(new RunManifest.BrokenFile(b.file(), b.rowsRead(), b.bytesRead(), b.size(), b.endsEarly(),
            b.endsEarly() ? null : b.estimatedUnreadRows(), b.describe()));
        notes.add(b.file() + ": " + b.describe() + (acceptTruncated ? " (accepted: --accept-truncated)" : ""));
      }
    }
    result.invalidUtf8().forEach((file, n) -> notes.add(String.format(Locale.ROOT,
        "%s: %,d malformed UTF-8 sequences read as U+FFFD (is the file UTF-8?); rows with one in a key column are "
        + "quarantined", file, n)));
    Stitching s = result.stitching();
    if (s != null) {
      stitching = new LinkedHashMap<>();
      stitching.put("records", s.records());
      stitching.put("events", s.events());
      stitching.put("identity_keys", s.identityKeys());
      stitching.put("customers", s.customers());
      stitching.put("oversized_components", s.oversized());
      stitching.put("duplicates_dropped", s.duplicates());
      stitching.put("records_left_out_by_filters", s.excluded());
      stitching.put("records_without_a_customer", s.unattributed());
      stitching.put("rounds", s.rounds());
      stitching.putAll(s.report());
      s.unreadablePhones().forEach((source, n) -> notes.add(String.format(Locale.ROOT, "%s: %,d phone numbers could "
          + "not be read and link nobody (numbers without their country code need identity.default-region, e.g. GB)",
          source, n)));
    }
  }

  /** Writes the stitching report on its own, for those who look for it by name; nothing when there is none. */
  public void writeStitching(Path file) {
    if (stitching != null) {
      RunManifest.write(file, stitching);
    }
  }

  /** What building the journeys counted; a run that found no repeat contact says where to look. */
  public void journeys(JourneysResult result) {
    this.journeys = result;
    TransitionCounts counts = result.counts();
    boolean anyRepeat = counts.transitions().values().stream()
        .anyMatch(t -> IntStream.range(0, counts.windows()).anyMatch(w -> t.repeatContact(w).hits() > 0));
    if (!anyRepeat) {
      notes.add("No repeat contact found: no assisted event follows another within a window "
          + "(--assisted-column, --assisted-channels).");
    }
  }

  /** A nightly run's events before its window: counted, not analysed. */
  private RunManifest.Segments segments;

  public void eventsBeforeWindow(long events) {
    eventsBeforeWindow = events;
  }

  public void variants(long count) {
    variants = count;
  }

  public void transitions(long count) {
    transitions = count;
  }

  /** The segments of a run with segments. */
  public void segments(dev.journeys.jobs.run.SegmentTables.Result result) {
    List<RunManifest.Segment> values = new ArrayList<>();
    result.sizes().forEach((value, size) -> values.add(new RunManifest.Segment(value, size[0], size[1])));
    segments = new RunManifest.Segments(result.attribute(), values, result.compared(), result.tested(),
        result.significant().size());
  }

  /** A note for whoever reads the run: something it did or found that changes how to read its figures. */
  public void note(String text) {
    notes.add(text);
  }

  /** The manifest as it stands, for the report, which is written before the manifest itself. */
  public RunManifest snapshot() {
    return manifest(null, null);
  }

  /** Writes the manifest, with the run's total time and when it finished. */
  public void write(Path file) {
    RunManifest.write(file, manifest(progress.totalSeconds(), Instant.now().toString()));
  }

  private RunManifest manifest(Double totalSeconds, String finished) {
    return new RunManifest("journeys", started, options, inputs, brokenOff, stitching,
        journeys == null ? null : journeys.cutoff().toString(), journeys == null ? null : journeys.grouping(),
        journeys == null || journeys.firstEvent() == null ? null : journeys.firstEvent().toString(),
        journeys == null || journeys.lastEvent() == null ? null : journeys.lastEvent().toString(),
        counts(), stages(), segments, progress.durations(), totalSeconds, List.copyOf(notes), finished);
  }

  /** Each stage's journeys by fate, in the stages' order ({@code other} last); null without stages. */
  private List<RunManifest.Stage> stages() {
    if (stages == null) {
      return null;
    }
    Map<String, long[]> byStage = journeys == null ? Map.of() : journeys.counts().journeysByStage();
    List<RunManifest.Stage> list = new ArrayList<>();
    for (int s = 0; s < stages.size(); s++) {
      String name = stages.name(s);
      long[] fates = byStage.get(name);
      List<String> patterns = s == stages.other() ? List.of() : stages.list().get(s).touchpoints();
      list.add(new RunManifest.Stage(name, patterns, List.copyOf(new TreeSet<>(stages.goals(s))),
          fates == null ? null : java.util.Arrays.stream(fates).sum(), journeys(fates, Fate.CONVERTED),
          journeys(fates, Fate.DROPPED), journeys(fates, Fate.PENDING), journeys(fates, Fate.UNJUDGED)));
    }
    return list;
  }

  /** The journeys of {@code fate} among {@code byFate} (indexed by fate), or null when not counted. */
  private static Long journeys(long[] byFate, Fate fate) {
    return byFate == null ? null : byFate[fate.ordinal()];
  }

  private RunManifest.Counts counts() {
    Long[] fates = new Long[Fate.values().length];
    TransitionCounts c = journeys == null ? null : journeys.counts();
    for (Fate fate : Fate.values()) {
      fates[fate.ordinal()] = c == null ? null : c.journeys(fate);
    }
    boolean broke = ingest != null && !ingest.breaks().isEmpty();
    boolean utf8 = ingest != null && !ingest.invalidUtf8().isEmpty();
    return new RunManifest.Counts(ingest == null ? null : ingest.rowsRead(),
        ingest == null ? null : ingest.eventsRead(), ingest == null ? null : ingest.quarantined(),
        ingest == null ? null : ingest.filtered(), broke ? (long) ingest.breaks().size() : null,
        broke ? ingest.estimatedUnreadRows() : null,
        utf8 ? ingest.invalidUtf8().values().stream().mapToLong(Long::longValue).sum() : null, eventsBeforeWindow,
        journeys == null ? null : journeys.eventsAfterCutoff(), c == null ? null : c.events(),
        c == null ? null : c.customers(), c == null ? null : c.journeys(), fates[Fate.CONVERTED.ordinal()],
        fates[Fate.DROPPED.ordinal()], fates[Fate.PENDING.ordinal()], fates[Fate.UNJUDGED.ordinal()], variants,
        transitions);
  }
}
