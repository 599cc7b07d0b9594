package dev.journeys.jobs.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.execution.datasources.parquet.ParquetWriteSupport;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.StructType;
import scala.Function1;

/**
 * Writes a table that is already on the driver as one Parquet file in a folder, the way Spark writes
 * it (Spark's own write support: the same Parquet types, timestamps as microseconds, the Spark schema in
 * the footer, a {@code _SUCCESS} marker), but without a Spark job: for the small tables every run
 * ends with, and for the whole of a run on a small log. Works on any Hadoop file system.
 */
public final class ParquetTables {

  /** The one file of a table written here. */
  public static final String PART = "part-00000.snappy.parquet";

  private ParquetTables() {}

  /** Replaces folder {@code dir} with one Parquet file holding {@code rows} (external rows of {@code schema}). */
  public static void write(Configuration conf, String dir, StructType schema, Iterator<Row> rows) {
    Path folder = new Path(dir);
    try {
      FileSystem fs = folder.getFileSystem(conf);
      fs.delete(folder, true);
      fs.mkdirs(folder);
      @SuppressWarnings("unchecked")
      Function1<Object, Object> toInternal =
          (Function1<Object, Object>) CatalystTypeConverters.createToCatalystConverter(schema);
      Configuration writeConf = new Configuration(conf);
      ParquetWriteSupport.setSchema(schema, writeConf);
      // Spark's writer reads these from the Hadoop configuration, where a Spark job would have set them.
      writeConf.set(SQLConf.PARQUET_WRITE_LEGACY_FORMAT().key(), "false");
      writeConf.set(SQLConf.PARQUET_OUTPUT_TIMESTAMP_TYPE().key(), "TIMESTAMP_MICROS");
      writeConf.set(SQLConf.PARQUET_FIELD_ID_WRITE_ENABLED().key(), "false");
      writeConf.set(SQLConf.PARQUET_ANNOTATE_VARIANT_LOGICAL_TYPE().key(),
          SQLConf.PARQUET_ANNOTATE_VARIANT_LOGICAL_TYPE().defaultValueString());
      try (ParquetWriter<InternalRow> writer = new Builder(new Path(folder, PART))
          .withConf(writeConf)
          .withCompressionCodec(CompressionCodecName.SNAPPY)
          .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
          .build()) {
        while (rows.hasNext()) {
          writer.write((InternalRow) toInternal.apply(rows.next()));
        }
      }
      fs.create(new Path(folder, "_SUCCESS"), true).close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes and deletes a one-row table of every column type the outputs use, in a temporary folder: on a
   * fresh JVM this loads and initialises the writer's classes (Spark's write support, Parquet's encoders,
   * its metadata), about two seconds of a small log's run, so a thread can do it while the log is parsed.
   */
  public static void warmUp() {
    java.nio.file.Path dir = null;
    try {
      dir = java.nio.file.Files.createTempDirectory("journeys-warm-up");
      StructType schema = new StructType().add("s", org.apache.spark.sql.types.DataTypes.StringType)
          .add("i", org.apache.spark.sql.types.DataTypes.IntegerType)
          .add("l", org.apache.spark.sql.types.DataTypes.LongType)
          .add("d", org.apache.spark.sql.types.DataTypes.DoubleType)
          .add("b", org.apache.spark.sql.types.DataTypes.BooleanType)
          .add("t", org.apache.spark.sql.types.DataTypes.TimestampType)
          .add("a", org.apache.spark.sql.types.DataTypes.createArrayType(org.apache.spark.sql.types.DataTypes.StringType));
      Row row = org.apache.spark.sql.RowFactory.create("x", 1, 2L, 3.0, true, java.time.Instant.EPOCH,
          new String[] {"y"});
      write(new Configuration(), dir.resolve("t").toString(), schema, java.util.List.of(row).iterator());
    } catch (IOException | RuntimeException e) {
      // Only a warm-up: the real write reports its own errors.
    } finally {
      if (dir != null) {
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(dir)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
          // A temporary folder left behind is harmless.
        }
      }
    }
  }

  private static final class Builder extends ParquetWriter.Builder<InternalRow, Builder> {

    Builder(Path file) {
      super(file);
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<InternalRow> getWriteSupport(Configuration conf) {
      return new ParquetWriteSupport();
    }
  }
}
