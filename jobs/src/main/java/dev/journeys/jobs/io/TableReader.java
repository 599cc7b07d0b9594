package dev.journeys.jobs.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;

/**
 * Reads a table of a run's folder ({@code transitions/}, {@code variants/}, …) row by row, as Spark or
 * {@link ParquetTables} wrote it, without Spark: for the report and the run-over-run comparison, which read the
 * run's tables rather than the CSV exports written beside them.
 */
public final class TableReader {

  private TableReader() {}

  /** One row: its values by column name; a null (or NaN) value reads as null. */
  public record TableRow(Group group) {

    public boolean isNull(String column) {
      return !group.getType().containsField(column) || group.getFieldRepetitionCount(column) == 0;
    }

    public String string(String column) {
      return isNull(column) ? null : group.getString(column, 0);
    }

    public Long longValue(String column) {
      return isNull(column) ? null : group.getLong(column, 0);
    }

    public Integer intValue(String column) {
      return isNull(column) ? null : group.getInteger(column, 0);
    }

    public Double doubleValue(String column) {
      if (isNull(column)) {
        return null;
      }
      double d = group.getDouble(column, 0);
      return Double.isNaN(d) ? null : d;
    }
  }

  /** Whether {@code dir} holds a table. */
  public static boolean exists(Path dir) {
    return !files(dir).isEmpty();
  }

  /** Streams the rows of the table in {@code dir}: its part files in name order, each in its own order. */
  public static void forEach(Path dir, Consumer<TableRow> rows) {
    forEach(dir, column -> true, rows);
  }

  /** As above, reading only the columns {@code wanted} accepts (Parquet decodes nothing else). */
  public static void forEach(Path dir, Predicate<String> wanted, Consumer<TableRow> rows) {
    for (Path file : files(dir)) {
      org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.toUri());
      Configuration conf = new Configuration();
      conf.set(ReadSupport.PARQUET_READ_SCHEMA, projection(path, conf, wanted).toString());
      try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), path).withConf(conf).build()) {
        for (Group g = reader.read(); g != null; g = reader.read()) {
          rows.accept(new TableRow(g));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
      }
    }
  }

  private static MessageType projection(org.apache.hadoop.fs.Path file, Configuration conf, Predicate<String> wanted) {
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      return new MessageType(schema.getName(),
          schema.getFields().stream().filter(f -> wanted.test(f.getName())).toList());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static List<Path> files(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".parquet")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + dir + ": " + e.getMessage(), e);
    }
  }
}
