package dev.journeys.jobs.engine;

import dev.journeys.jobs.ingest.Break;
import dev.journeys.jobs.ingest.EventProfile;
import dev.journeys.jobs.ingest.InputFile;
import java.util.List;

/**
 * What ingest read, whichever engine read it: the events' profile, rows read, events, quarantined rows,
 * rows the lifecycle filter left out, the inputs, what stitching found ({@code stitching}: null when no raw
 * export was read), the files that broke off and the invalid UTF-8 per file. The events themselves stay with
 * the engine that read them.
 */
public record IngestResult(EventProfile profile, long rowsRead, long eventsRead, long quarantined,
    long filtered, List<InputFile> inputs, Stitching stitching, List<Break> breaks,
    java.util.Map<String, Long> invalidUtf8) {

  /** A result without files that broke off or held invalid UTF-8. */
  public IngestResult(EventProfile profile, long rowsRead, long eventsRead, long quarantined,
      long filtered, List<InputFile> inputs, Stitching stitching) {
    this(profile, rowsRead, eventsRead, quarantined, filtered, inputs, stitching, List.of(),
        java.util.Map.of());
  }

  /** Rows estimated lost after the files that broke off (see {@link Break#estimatedUnreadRows}). */
  public long estimatedUnreadRows() {
    return breaks.stream().mapToLong(Break::estimatedUnreadRows).sum();
  }

  /**
   * Whether the events may already be clustered by customer, so that journeys are worth streaming
   * without a shuffle first: Parquet inputs are read where they lie and may have been written so, and
   * ingest writes the events of raw exports so. Events parsed from XES and CSV logs are not.
   */
  public boolean maybeClustered() {
    return !inputs.isEmpty() && inputs.stream()
        .allMatch(f -> f.format() == InputFile.Format.PARQUET || f.format() == InputFile.Format.RAW);
  }
}
