package dev.journeys.jobs.engine.local;

import dev.journeys.jobs.engine.IngestResult;
import dev.journeys.jobs.engine.spark.Ingest;
import dev.journeys.jobs.ingest.EventProfile;
import dev.journeys.jobs.ingest.InputFile;
import dev.journeys.jobs.ingest.LogParser;
import dev.journeys.jobs.ingest.ProfileTally;
import dev.journeys.jobs.io.HadoopFiles;
import dev.journeys.jobs.io.OutputSchema;
import dev.journeys.jobs.io.ParquetTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * Ingest of a small log in this JVM alone, without Spark: the same readers, the same rows, profile and
 * quarantine as {@link Ingest}, and {@code events/} and {@code quarantine/} written as the same Parquet
 * tables, one file each. For XES and CSV logs only (raw exports and Parquet inputs always go to Spark).
 */
public final class LocalIngest {

  /**
   * What was read: the ingest figures (with no Spark dataset), the events and the quarantined rows (by file
   * and line), as rows of {@link OutputSchema#INGESTED}.
   */
  public record Result(IngestResult ingest, List<Row> events, List<Row> quarantined) {

    /** Writes {@code events/} and {@code quarantine/} (each only when it has rows), as {@link Ingest} does. */
    public void write(Configuration conf, String outDir) {
      if (!events.isEmpty()) {
        ParquetTables.write(conf, outDir + "/events", OutputSchema.STORED, stored(events));
      }
      if (!quarantined.isEmpty()) {
        ParquetTables.write(conf, outDir + "/quarantine", OutputSchema.STORED, stored(quarantined));
      }
    }
  }

  private LocalIngest() {}

  /** Whether {@code inputs} can be read here: XES and CSV logs only. */
  public static boolean canRead(List<InputFile> inputs) {
    return !inputs.isEmpty() && inputs.stream()
        .allMatch(f -> f.format() == InputFile.Format.XES || f.format() == InputFile.Format.CSV);
  }

  /**
   * Reads {@code logs} one after the other; the profile's late events are those after {@code cutoff} (null:
   * none). Clears {@code events/} and {@code quarantine/}; {@link Result#write} writes them.
   */
  public static Result run(Configuration conf, List<InputFile> logs, String outDir, Instant cutoff) {
    if (!canRead(logs)) {
      throw new IllegalArgumentException("Only XES and CSV logs are read without Spark, not " + logs);
    }
    LogParser.checkHeaders(conf, logs);
    FileSystem fs = HadoopFiles.fileSystem(conf, outDir);
    HadoopFiles.delete(fs, outDir + "/events");
    HadoopFiles.delete(fs, outDir + "/quarantine");

    List<Row> events = new ArrayList<>();
    List<Row> bad = new ArrayList<>();
    ProfileTally tally = new ProfileTally(cutoff);
    Instant notAfter = Instant.now();
    long[] filtered = {0};
    int status = OutputSchema.INGESTED.fieldIndex(OutputSchema.STATUS);
    for (InputFile file : logs) {
      Iterator<Row> rows;
      try {
        rows = LogParser.parse(file, conf, cutoff, notAfter, null, () -> filtered[0]++, tally::merge);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + file.path() + ": " + e.getMessage(), e);
      }
      while (rows.hasNext()) {
        Row r = rows.next();
        ("ok".equals(r.getString(status)) ? events : bad).add(r);
      }
    }
    bad.sort(Comparator.comparing((Row r) -> r.getString(OutputSchema.INGESTED.fieldIndex(OutputSchema.FILE)),
            Comparator.nullsFirst(Comparator.naturalOrder()))
        .thenComparingLong(r -> r.getLong(OutputSchema.INGESTED.fieldIndex(OutputSchema.LINE))));
    EventProfile profile = tally.profile();
    long quarantined = tally.quarantinedRows();
    IngestResult result = new IngestResult(profile, profile.events() + quarantined, profile.events(),
        quarantined, filtered[0], logs, null, tally.breaks(), tally.invalidUtf8());
    return new Result(result, events, bad);
  }

  /** The events of {@code events} later than {@code start}. */
  public static List<Row> after(List<Row> events, Instant start) {
    int ts = OutputSchema.INGESTED.fieldIndex(OutputSchema.TS);
    return events.stream().filter(e -> ((Instant) e.get(ts)).isAfter(start)).toList();
  }

  /** The profile of {@code events}; its late events are those after {@code cutoff} (null: none). */
  public static EventProfile profile(List<Row> events, Instant cutoff) {
    ProfileTally tally = new ProfileTally(cutoff);
    StructType schema = OutputSchema.INGESTED;
    for (Row e : events) {
      tally.event(dev.journeys.model.event.Micros.of((Instant) e.get(schema.fieldIndex(OutputSchema.TS))),
          e.getString(schema.fieldIndex(OutputSchema.TOUCHPOINT)), e.getString(schema.fieldIndex(OutputSchema.CHANNEL)),
          e.getString(schema.fieldIndex(OutputSchema.OWNER)));
    }
    return tally.profile();
  }

  /** The rows as {@code events/} and {@code quarantine/} store them: without the status their folder stands for. */
  private static Iterator<Row> stored(List<Row> rows) {
    int width = OutputSchema.STORED.size();
    return rows.stream().map(r -> {
      Object[] values = new Object[width];
      for (int i = 0; i < width; i++) {
        values[i] = r.get(i);
      }
      return RowFactory.create(values);
    }).iterator();
  }
}
