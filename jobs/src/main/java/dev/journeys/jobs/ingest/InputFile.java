package dev.journeys.jobs.ingest;

import java.io.Serializable;
import java.util.Locale;

/** One input file of a run, its format, its position among the run's inputs (the source order) and its source. */
public record InputFile(String path, Format format, int sourceOrder, Source of) implements Serializable {

  /** The formats read from files: event logs, or a raw export read by its source's mapping. */
  public enum Format {
    XES, CSV, PARQUET, RAW;

    /** The format a file name implies, or null. */
    public static Format of(String name) {
      String n = name.toLowerCase(Locale.ROOT);
      if (n.endsWith(".xes") || n.endsWith(".xes.gz")) {
        return XES;
      }
      if (n.endsWith(".csv") || n.endsWith(".csv.gz")) {
        return CSV;
      }
      if (n.endsWith(".parquet")) {
        return PARQUET;
      }
      return null;
    }
  }

  /** How to read the file as an event log. */
  public ReadOptions read() {
    return of.read();
  }

  /** The file's name without folders (a raw source's name): the event's source. */
  public String source() {
    if (of.isRaw()) {
      return of.mapping().name();
    }
    int slash = path.lastIndexOf('/');
    return slash >= 0 ? path.substring(slash + 1) : path;
  }

  public boolean gzipped() {
    return path.toLowerCase(Locale.ROOT).endsWith(".gz");
  }
}
