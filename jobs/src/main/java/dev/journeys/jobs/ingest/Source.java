package dev.journeys.jobs.ingest;

import dev.journeys.jobs.ingest.raw.RawFormat;
import dev.journeys.jobs.ingest.raw.SourceMapping;

/**
 * A source: a file, glob or folder, and how to read its records: as an event log ({@code read}), or,
 * for a raw export, in its format with a mapping onto the unified event ({@code raw}, {@code mapping}).
 */
public record Source(String path, ReadOptions read, RawFormat raw, SourceMapping mapping)
    implements java.io.Serializable {

  public Source(String path, ReadOptions read) {
    this(path, read, null, null);
  }

  public boolean isRaw() {
    return raw != null;
  }
}
