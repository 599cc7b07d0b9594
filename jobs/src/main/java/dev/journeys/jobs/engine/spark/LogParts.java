package dev.journeys.jobs.engine.spark;

import dev.journeys.jobs.ingest.CsvEventReader;
import dev.journeys.jobs.ingest.InputFile;
import dev.journeys.jobs.ingest.LogParser;
import dev.journeys.jobs.ingest.OpenedFile;
import dev.journeys.jobs.ingest.raw.CsvRecordReader;
import dev.journeys.jobs.ingest.text.CsvSplits;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts input files into the parts that ingest's tasks parse: a large uncompressed CSV file (an event log or a raw
 * CSV export) into byte ranges on record boundaries ({@link CsvSplits}), a large uncompressed JSON-lines export or
 * access log into ranges of whole lines, found by one parallel scan of the files; every other file (XES, gzip, a
 * JSON array, small files, a delimiter of more than one byte) whole. The parts keep the files' order and each
 * file's order, so the records come out in the order one task per file would read them.
 */
final class LogParts {

  private static final Logger LOG = LoggerFactory.getLogger(LogParts.class);

  /** Spark setting: the largest range of a CSV file one task parses, in bytes. */
  static final String SPLIT_BYTES = "spark.journeys.split-bytes";
  static final long DEFAULT_SPLIT_BYTES = 64L << 20;

  private LogParts() {}

  /** One split of one file to scan, by the file's index among the inputs; {@code lines}: records are lines. */
  private record Split(int file, long start, long end, boolean lines) implements Serializable {}

  static List<LogParser.Part> of(SparkSession spark, List<InputFile> logs) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    long splitBytes = spark.conf().contains(SPLIT_BYTES) ? Long.parseLong(spark.conf().get(SPLIT_BYTES))
        : DEFAULT_SPLIT_BYTES;
    int cores = spark.sparkContext().defaultParallelism();
    long[] sizes = new long[logs.size()];
    InputFile.Cut[] cuts = new InputFile.Cut[logs.size()];
    List<Split> splits = new ArrayList<>();
    for (int i = 0; i < logs.size(); i++) {
      InputFile log = logs.get(i);
      sizes[i] = OpenedFile.sizeOrZero(log, hadoop);
      cuts[i] = sizes[i] > splitBytes && !log.gzipped() ? log.cut(hadoop) : InputFile.Cut.WHOLE;
      if (cuts[i] != InputFile.Cut.WHOLE) {
        long n = (sizes[i] + splitBytes - 1) / splitBytes;
        n = (n + cores - 1) / cores * cores;
        for (long[] s : CsvSplits.splits(sizes[i], (sizes[i] + n - 1) / n)) {
          splits.add(new Split(i, s[0], s[1], cuts[i] == InputFile.Cut.LINES));
        }
      }
    }
    List<CsvSplits.Scan>[] scans = scans(spark, logs, splits);
    List<LogParser.Part> parts = new ArrayList<>();
    for (int i = 0; i < logs.size(); i++) {
      InputFile log = logs.get(i);
      if (scans[i] == null) {
        parts.add(LogParser.Part.whole(log));
        continue;
      }
      boolean lines = cuts[i] == InputFile.Cut.LINES;
      long size = sizes[i];
      try {
        List<String> header = lines ? null : header(log, hadoop);
        List<CsvSplits.Range> ranges = CsvSplits.resolve(scans[i], (recordStart, splitStart, splitEnd) -> {
          LOG.info("{}: a record spans byte {}; scanning that range again from byte {}", log.path(), splitStart,
              recordStart);
          try (InputStream in = OpenedFile.open(log, hadoop, recordStart, size).in()) {
            return scan(in, log, recordStart, splitStart, splitEnd, true, lines);
          }
        });
        ranges.forEach(r -> parts.add(new LogParser.Part(log, r, header)));
        LOG.info("{}: {} bytes read as {} ranges", log.path(), size, ranges.size());
      } catch (IOException e) {
        // A file that cannot be scanned is read by one task, which quarantines where it breaks off.
        LOG.warn("Cannot split {}: {}", log.path(), e.getMessage());
        parts.add(LogParser.Part.whole(log));
      }
    }
    return parts;
  }

  /** The scans of every split, per file (null for a file read whole), in one Spark job. */
  @SuppressWarnings("unchecked")
  private static List<CsvSplits.Scan>[] scans(SparkSession spark, List<InputFile> logs, List<Split> splits) {
    List<CsvSplits.Scan>[] perFile = new List[logs.size()];
    if (splits.isEmpty()) {
      return perFile;
    }
    SerializableConfiguration conf = new SerializableConfiguration(spark.sparkContext().hadoopConfiguration());
    List<InputFile> files = List.copyOf(logs);
    spark.sparkContext().setJobDescription("ingest: find the record boundaries of " + splits.size()
        + " ranges of large CSV files");
    List<CsvSplits.Scan> all = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(splits, splits.size())
        .map(s -> scan(files.get(s.file()), conf.value(), s))
        .collect();
    for (int k = 0; k < splits.size(); k++) {
      int file = splits.get(k).file();
      if (perFile[file] == null) {
        perFile[file] = new ArrayList<>();
      }
      perFile[file].add(all.get(k));
    }
    return perFile;
  }

  private static CsvSplits.Scan scan(InputFile file, Configuration conf, Split split) throws IOException {
    long from = split.start() == 0 ? 0 : split.start() - 1;
    try (InputStream in = OpenedFile.open(file, conf, from, Long.MAX_VALUE).in()) {
      return scan(in, file, from, split.start(), split.end(), split.start() == 0, split.lines());
    }
  }

  private static CsvSplits.Scan scan(InputStream in, InputFile file, long from, long splitStart, long splitEnd,
      boolean fromRecordStart, boolean lines) throws IOException {
    return lines ? CsvSplits.scanLines(in, from, splitStart, splitEnd, fromRecordStart)
        : CsvSplits.scan(in, from, splitStart, splitEnd, fromRecordStart, file.read().delimiter());
  }

  private static List<String> header(InputFile log, Configuration conf) throws IOException {
    try (InputStream in = OpenedFile.open(log, conf).in()) {
      return log.format() == InputFile.Format.RAW ? new CsvRecordReader(in, log.read().delimiter()).header()
          : new CsvEventReader(in, log.read(), log.path()).header();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
