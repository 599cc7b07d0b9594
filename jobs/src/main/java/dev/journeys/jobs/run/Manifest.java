package dev.journeys.jobs.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.journeys.jobs.config.RunConfig;
import dev.journeys.jobs.engine.IngestResult;
import dev.journeys.jobs.engine.JourneysResult;
import dev.journeys.jobs.engine.Stitching;
import dev.journeys.jobs.ingest.InputFile;
import dev.journeys.jobs.ingest.ReadOptions;
import dev.journeys.jobs.ingest.Source;
import dev.journeys.jobs.io.Progress;
import dev.journeys.model.journey.Fate;
import dev.journeys.model.metric.RepeatWindow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The run manifest, written last: inputs, options, counts, durations and quarantined rows. */
public final class Manifest {

  private final Map<String, Object> root = new LinkedHashMap<>();
  private final Map<String, Object> counts = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();
  private final Progress progress;

  public Manifest(RunConfig config, Progress progress) {
    this.progress = progress;
    root.put("tool", "journeys");
    root.put("started", Instant.now().toString());
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("journey_by", config.rules().perCase() ? "case" : "customer");
    List<Map<String, Object>> sources = new ArrayList<>();
    for (Source source : config.sources()) {
      ReadOptions read = source.read();
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("path", source.path());
      s.put("case_column", read.caseColumn());
      s.put("activity_column", read.activityColumn());
      s.put("timestamp_column", read.timestampColumn());
      s.put("timestamp_format", read.timestampFormat());
      s.put("time_zone", read.zone().getId());
      s.put("customer_column", read.customerColumn());
      s.put("channel_column", read.channelColumn());
      s.put("owner_column", read.ownerColumn());
      s.put("assisted_column", read.assistedColumn());
      s.put("assisted_channels", new TreeSet<>(read.assistedChannels()));
      s.put("lifecycle", read.lifecycle());
      sources.add(s);
    }
    options.put("sources", sources);
    options.put("goals", new TreeSet<>(config.rules().goals()));
    options.put("starts", new TreeSet<>(config.rules().starts()));
    options.put("inactivity", dev.journeys.model.metric.Durations.label(config.rules().inactivity()));
    options.put("max_duration", config.rules().maxDuration() == null ? null : dev.journeys.model.metric.Durations.label(config.rules().maxDuration()));
    options.put("repeat_windows", config.rules().repeatWindows().stream().map(RepeatWindow::label).toList());
    options.put("ranked_window", config.rules().repeatWindows().get(config.rules().rankedWindow()).label());
    options.put("cut_off", config.cutoff() == null ? "latest event" : config.cutoff().toString());
    if (config.windowStart() != null) {
      options.put("window_start", config.windowStart().toString());
    }
    options.put("rank_by", config.rankBy().label());
    options.put("min_passages", config.minPassages());
    options.put("max_bad_rows_share", config.maxBadRowsShare());
    root.put("options", options);
    if (!config.rules().judgesFates()) {
      notes.add("No goal configured (--goal): fates are not judged, so drop-off rates are empty.");
    }
  }

  public void ingest(IngestResult ingest) {
    ingest(ingest, false);
  }

  /** The inputs and what reading them found; files that broke off and invalid UTF-8 are noted. */
  public void ingest(IngestResult ingest, boolean acceptTruncated) {
    List<Map<String, Object>> inputs = new ArrayList<>();
    for (InputFile f : ingest.inputs()) {
      inputs.add(Map.of("path", f.path(), "format", f.format().name().toLowerCase(java.util.Locale.ROOT),
          "source_order", f.sourceOrder()));
    }
    root.put("inputs", inputs);
    counts.put("rows_read", ingest.rowsRead());
    counts.put("events", ingest.eventsRead());
    counts.put("quarantined_rows", ingest.quarantined());
    counts.put("rows_left_out_by_lifecycle", ingest.filtered());
    if (!ingest.breaks().isEmpty()) {
      counts.put("files_broken_off", ingest.breaks().size());
      counts.put("rows_estimated_unread", ingest.estimatedUnreadRows());
      List<Map<String, Object>> broken = new ArrayList<>();
      for (dev.journeys.jobs.ingest.Break b : ingest.breaks()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", b.file());
        m.put("rows_read", b.rowsRead());
        m.put("bytes_read", b.bytesRead());
        m.put("size", b.size());
        m.put("ends_early", b.endsEarly());
        m.put("estimated_unread_rows", b.endsEarly() ? null : b.estimatedUnreadRows());
        m.put("reason", b.describe());
        broken.add(m);
        notes.add(b.file() + ": " + b.describe() + (acceptTruncated ? " (accepted: --accept-truncated)" : ""));
      }
      root.put("broken_off", broken);
    }
    if (!ingest.invalidUtf8().isEmpty()) {
      counts.put("invalid_utf8_sequences", ingest.invalidUtf8().values().stream().mapToLong(Long::longValue).sum());
      ingest.invalidUtf8().forEach((file, n) -> notes.add(String.format(java.util.Locale.ROOT,
          "%s: %,d malformed UTF-8 sequences read as U+FFFD (is the file UTF-8?); rows with one in a key column are "
          + "quarantined", file, n)));
    }
    Stitching s = ingest.stitching();
    if (s != null) {
      Map<String, Object> stitching = new LinkedHashMap<>();
      stitching.put("records", s.records());
      stitching.put("events", s.events());
      stitching.put("identity_keys", s.identityKeys());
      stitching.put("customers", s.customers());
      stitching.put("oversized_components", s.oversized());
      stitching.put("duplicates_counted_once", s.duplicates());
      stitching.put("records_left_out_by_filters", s.excluded());
      stitching.put("records_without_any_identity_key", s.unattributed());
      stitching.put("rounds", s.rounds());
      stitching.putAll(s.report());
      root.put("stitching", stitching);
    }
  }

  /** Writes the stitching report on its own, for those who look for it by name; nothing when there is none. */
  public void writeStitching(Path file) {
    if (root.containsKey("stitching")) {
      try {
        Files.writeString(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .writeValueAsString(root.get("stitching")));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
      }
    }
  }

  public void journeys(JourneysResult result) {
    root.put("cut_off", result.cutoff().toString());
    root.put("journeys_grouping", result.grouping());
    root.put("first_event", result.firstEvent() == null ? null : result.firstEvent().toString());
    root.put("last_event", result.lastEvent() == null ? null : result.lastEvent().toString());
    counts.put("events_after_cut_off", result.eventsAfterCutoff());
    counts.put("events_analysed", result.counts().events());
    counts.put("customers", result.counts().customers());
    counts.put("journeys", result.counts().journeys());
    for (Fate fate : Fate.values()) {
      counts.put("journeys_" + fate.label(), result.counts().journeys(fate));
    }
    boolean anyRepeat = result.counts().transitions().values().stream()
        .anyMatch(t -> java.util.stream.IntStream.range(0, result.counts().windows())
            .anyMatch(w -> t.repeatContact(w).hits() > 0));
    if (!anyRepeat) {
      notes.add("No repeat contact found: no assisted event follows another within a window "
          + "(--assisted-column, --assisted-channels).");
    }
  }

  /** A note for whoever reads the run: something it did or found that changes how to read its figures. */
  public void note(String text) {
    notes.add(text);
  }

  public void count(String name, long value) {
    counts.put(name, value);
  }

  /** The manifest as it stands, as JSON (for the report, written before the manifest itself). */
  public JsonNode toJson() {
    root.put("counts", counts);
    root.put("durations_seconds", progress.durations());
    root.put("notes", notes);
    return new ObjectMapper().valueToTree(root);
  }

  public void write(Path file) {
    root.put("counts", counts);
    root.put("durations_seconds", progress.durations());
    root.put("total_seconds", progress.totalSeconds());
    root.put("notes", notes);
    root.put("finished", Instant.now().toString());
    try {
      Files.writeString(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
