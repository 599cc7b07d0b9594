package dev.journeys.jobs.ingest;

import dev.journeys.jobs.ingest.raw.JsonRecordReader;
import dev.journeys.jobs.ingest.raw.RawFormat;
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

  /** How the text of a file can be cut into byte ranges, each read by its own task, once it is uncompressed. */
  public enum Cut {
    /** On CSV record boundaries (a CSV log or raw CSV export with a one-byte delimiter). */
    CSV_RECORDS,
    /** On line boundaries (JSON lines, access logs). */
    LINES,
    /** Not at all: XES, Parquet, a JSON array, a delimiter of more than one byte. */
    WHOLE
  }

  /** How this file can be cut (a JSON export is peeked at: only JSON lines can be cut). */
  public Cut cut(org.apache.hadoop.conf.Configuration conf) {
    boolean csv = format == Format.CSV || format == Format.RAW && of.raw().reader() == RawFormat.Reader.CSV;
    if (csv) {
      return dev.journeys.jobs.ingest.text.CsvSplits.splittable(read().delimiter()) ? Cut.CSV_RECORDS : Cut.WHOLE;
    }
    if (format != Format.RAW) {
      return Cut.WHOLE;
    }
    if (of.raw().reader() == RawFormat.Reader.ACCESS_LOG) {
      return Cut.LINES;
    }
    try (java.io.InputStream in = OpenedFile.open(this, conf).in()) {
      return JsonRecordReader.isArray(in) ? Cut.WHOLE : Cut.LINES;
    } catch (java.io.IOException e) {
      return Cut.WHOLE; // read whole: its task says why it cannot be read
    }
  }
}
