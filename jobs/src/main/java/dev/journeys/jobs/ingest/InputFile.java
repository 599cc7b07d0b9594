package dev.journeys.jobs.ingest;

import java.io.Serializable;
import java.util.Locale;

/** One input file of a run, its format, its position among the run's inputs (the source order) and how to read it. */
public record InputFile(String path, Format format, int sourceOrder, ReadOptions read) implements Serializable {

  /** The formats read from files. */
  public enum Format {
    XES, CSV, PARQUET;

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

  /** The file's name without folders: the event's source. */
  public String source() {
    int slash = path.lastIndexOf('/');
    return slash >= 0 ? path.substring(slash + 1) : path;
  }

  public boolean gzipped() {
    return path.toLowerCase(Locale.ROOT).endsWith(".gz");
  }
}
