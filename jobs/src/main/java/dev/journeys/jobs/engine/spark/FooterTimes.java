package dev.journeys.jobs.engine.spark;

import dev.journeys.jobs.ingest.InputFile;
import dev.journeys.jobs.io.OutputSchema;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest time in Parquet inputs, read from the statistics in their footers instead of from the
 * data: the writer records each row group's smallest and largest value of every column. Only a
 * {@code ts} column of 64-bit UTC timestamps (micro- or milliseconds) with statistics in every row
 * group qualifies; otherwise, or past {@link #MAX_FILES} files (the footers are read on the driver),
 * there is no answer and the caller asks the data.
 */
final class FooterTimes {

  private static final Logger LOG = LoggerFactory.getLogger(FooterTimes.class);

  /** Past this many files, reading every footer on the driver would cost more than a query over the column. */
  static final int MAX_FILES = 256;

  private FooterTimes() {}

  /** The latest {@code ts} of any row in {@code inputs} (readable or not), or empty when the footers cannot tell. */
  static Optional<Instant> latest(Configuration conf, List<InputFile> inputs) {
    try {
      List<FileStatus> files = new ArrayList<>();
      for (InputFile input : inputs) {
        Path path = new Path(input.path());
        collect(path.getFileSystem(conf), path, files);
        if (files.size() > MAX_FILES) {
          return Optional.empty();
        }
      }
      long latest = Long.MIN_VALUE;
      for (FileStatus file : files) {
        Optional<Long> max = latestMicros(conf, file);
        if (max.isEmpty()) {
          return Optional.empty();
        }
        latest = Math.max(latest, max.get());
      }
      return latest == Long.MIN_VALUE ? Optional.empty() : Optional.of(dev.journeys.model.event.Micros.toInstant(latest));
    } catch (IOException | RuntimeException e) {
      LOG.info("Cannot read the latest time from the Parquet footers, asking the data: {}", e.toString());
      return Optional.empty();
    }
  }

  private static void collect(FileSystem fs, Path path, List<FileStatus> files) throws IOException {
    FileStatus status = fs.getFileStatus(path);
    if (status.isFile()) {
      files.add(status);
      return;
    }
    for (FileStatus child : fs.listStatus(path)) {
      String name = child.getPath().getName();
      if (name.startsWith("_") || name.startsWith(".")) {
        continue;
      }
      if (child.isDirectory()) {
        collect(fs, child.getPath(), files);
      } else if (name.endsWith(".parquet")) {
        files.add(child);
      }
      if (files.size() > MAX_FILES) {
        return;
      }
    }
  }

  /** The file's largest {@code ts} in microseconds; empty when its footer cannot tell; MIN_VALUE when it has no time. */
  private static Optional<Long> latestMicros(Configuration conf, FileStatus file) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(file, conf))) {
      ParquetMetadata footer = reader.getFooter();
      MessageType schema = footer.getFileMetaData().getSchema();
      if (!schema.containsField(OutputSchema.TS)) {
        return Optional.empty();
      }
      Type type = schema.getType(OutputSchema.TS);
      if (!type.isPrimitive() || type.asPrimitiveType().getPrimitiveTypeName() != PrimitiveType.PrimitiveTypeName.INT64
          || !(type.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t)
          || !t.isAdjustedToUTC()
          || t.getUnit() == LogicalTypeAnnotation.TimeUnit.NANOS) {
        return Optional.empty();
      }
      long factor = t.getUnit() == LogicalTypeAnnotation.TimeUnit.MILLIS ? 1000 : 1;
      long latest = Long.MIN_VALUE;
      for (BlockMetaData block : footer.getBlocks()) {
        ColumnChunkMetaData column = block.getColumns().stream()
            .filter(c -> c.getPath().toDotString().equals(OutputSchema.TS)).findFirst().orElse(null);
        if (column == null) {
          return Optional.empty();
        }
        Statistics<?> stats = column.getStatistics();
        if (stats == null || stats.isEmpty()) {
          if (block.getRowCount() > 0) {
            return Optional.empty();
          }
          continue;
        }
        if (stats.hasNonNullValue()) {
          latest = Math.max(latest, Math.multiplyExact((Long) stats.genericGetMax(), factor));
        }
      }
      return Optional.of(latest);
    }
  }
}
