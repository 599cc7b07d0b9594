package dev.journeys.jobs.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json}, written last by every run, so that a folder holding one is a finished run: what was read
 * and how, the options, what the run counted and found, how long each stage took, and notes for whoever reads the
 * figures. Written and read by Jackson (keys in snake case); a manifest of an older run reads too, its missing keys
 * as nulls. The report, the run-over-run comparison and the notebooks read it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunManifest(String tool, String started, Options options, List<Input> inputs, List<BrokenFile> brokenOff,
    Map<String, Object> stitching, String cutOff, String journeysGrouping,
    @JsonInclude(JsonInclude.Include.ALWAYS) String firstEvent, @JsonInclude(JsonInclude.Include.ALWAYS) String lastEvent,
    Counts counts, List<Stage> stages, Segments segments, Map<String, Double> durationsSeconds, Double totalSeconds,
    List<String> notes, String finished) {

  /**
   * The segments of a run with {@code --segment-by}: the attribute, every segment with its customers and journeys
   * (most customers first), the two compared in {@code segment_changes.csv}, how many rates were compared and how many
   * differ beyond noise (q below 0.05).
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Segments(String by, List<Segment> values, List<String> compared, Integer comparisons,
      Integer significant) {}

  /** One segment: its value and size. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Segment(String value, Long customers, Long journeys) {}

  /**
   * One stage of a run with stages (in their order, {@code other} last): its touchpoint patterns and goals, and its
   * journeys (those whose first event lies in it) by fate; a stage without goals has only unjudged journeys.
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Stage(String name, List<String> touchpoints, List<String> goals, Long journeys, Long converted,
      Long dropped, Long pending, Long unjudged) {}

  /** The name of the file in a run's folder. */
  public static final String FILE = "manifest.json";

  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(SerializationFeature.INDENT_OUTPUT);

  /** The options the run was made with, as a user would write them. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Options(String journeyBy, List<SourceOptions> sources, List<String> goals, List<String> starts,
      String inactivity, String maxDuration, List<String> repeatWindows, String rankedWindow, String cutOff,
      @JsonInclude(JsonInclude.Include.NON_NULL) String windowStart, String rankBy, Integer minPassages,
      Double maxBadRowsShare) {}

  /** How one source was read. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record SourceOptions(String path, String caseColumn, String activityColumn, String timestampColumn,
      String timestampFormat, String timeZone, String customerColumn, String channelColumn, String ownerColumn,
      String assistedColumn, List<String> assistedChannels, String lifecycle) {}

  /** One input file, its format and its place among the inputs (which breaks timestamp ties). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Input(String path, String format, Integer sourceOrder) {}

  /** A file that could not be read to its end. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record BrokenFile(String file, Long rowsRead, Long bytesRead, Long size, Boolean endsEarly,
      Long estimatedUnreadRows, String reason) {}

  /** What the run counted; a count a run did not make (e.g. {@code events_before_window} outside nightly runs) is left out. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Counts(Long rowsRead, Long events, Long quarantinedRows, Long rowsLeftOutByLifecycle,
      Long filesBrokenOff, Long rowsEstimatedUnread, Long invalidUtf8Sequences, Long eventsBeforeWindow,
      Long eventsAfterCutOff, Long eventsAnalysed, Long customers, Long journeys, Long journeysConverted,
      Long journeysDropped, Long journeysPending, Long journeysUnjudged, Long variants, Long transitions) {

    /** Journeys of the fate labelled {@code fate} ({@code converted}, …); 0 when not counted. */
    public long journeys(String fate) {
      Long n = switch (fate) {
        case "converted" -> journeysConverted;
        case "dropped" -> journeysDropped;
        case "pending" -> journeysPending;
        case "unjudged" -> journeysUnjudged;
        default -> throw new IllegalArgumentException("No fate '" + fate + "'");
      };
      return n == null ? 0 : n;
    }
  }

  /** The manifest of the run in {@code dir}. */
  public static RunManifest read(Path dir) {
    Path file = dir.resolve(FILE);
    try {
      return JSON.readValue(file.toFile(), RunManifest.class);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes {@code value} (the manifest, or a part of it) as indented JSON to {@code file}. */
  public static void write(Path file, Object value) {
    try {
      Files.writeString(file, JSON.writeValueAsString(value));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** The repeat-contact window the tables rank by ({@code 7d} when the options do not say). */
  public String rankedWindow() {
    return options == null || options.rankedWindow() == null ? "7d" : options.rankedWindow();
  }
}
