package dev.journeys.jobs.engine.spark;

import dev.journeys.jobs.ingest.Break;
import dev.journeys.jobs.ingest.InputFile;
import dev.journeys.jobs.ingest.LogParser;
import dev.journeys.jobs.ingest.OpenedFile;
import dev.journeys.jobs.ingest.raw.FieldRecord;
import dev.journeys.jobs.ingest.raw.MappedRecord;
import dev.journeys.jobs.ingest.raw.SourceMapping;
import dev.journeys.jobs.ingest.text.Lookahead;
import dev.journeys.jobs.ingest.text.Utf8Counter;
import dev.journeys.jobs.io.OutputSchema;
import dev.journeys.model.event.Micros;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * Reads raw exports (web analytics, contact records, CRM) through their sources' mappings, one task
 * per file: events and identity links in one pass, unreadable records to quarantine. {@link RawStitching} then
 * finds their customers.
 */
final class RawIngest {

  static final StructType MAPPED = new StructType()
      .add("record_id", DataTypes.StringType)
      .add("dedup_key", DataTypes.StringType)
      .add(OutputSchema.TS, DataTypes.TimestampType)
      .add(OutputSchema.TOUCHPOINT, DataTypes.StringType)
      .add(OutputSchema.CHANNEL, DataTypes.StringType)
      .add(OutputSchema.OWNER, DataTypes.StringType)
      .add(OutputSchema.ASSISTED, DataTypes.BooleanType)
      .add("identity_keys", DataTypes.createArrayType(DataTypes.StringType))
      .add("links_only", DataTypes.BooleanType)
      .add(OutputSchema.SOURCE, DataTypes.StringType)
      .add(OutputSchema.SOURCE_ORDER, DataTypes.IntegerType)
      .add(OutputSchema.SEQ, DataTypes.LongType)
      .add(OutputSchema.FILE, DataTypes.StringType)
      .add(OutputSchema.LINE, DataTypes.LongType)
      .add(OutputSchema.REASON, DataTypes.StringType)
      .add(OutputSchema.RAW, DataTypes.StringType)
      .add(OutputSchema.STATUS, DataTypes.StringType);

  private RawIngest() {}

  /** Parses raw files into mapped records (status ok) and quarantined rows (status bad). */
  static Dataset<Row> read(SparkSession spark, List<InputFile> files, LongAccumulator excluded,
      LongAccumulator unattributed, org.apache.spark.util.CollectionAccumulator<Break> breaks,
      dev.journeys.jobs.ingest.raw.Scrubber scrubber, LongAccumulator scrubbed,
      org.apache.spark.util.CollectionAccumulator<java.util.Map.Entry<String, Long>> invalidUtf8) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    org.apache.spark.util.SerializableConfiguration conf =
        new org.apache.spark.util.SerializableConfiguration(spark.sparkContext().hadoopConfiguration());
    long latest = Micros.of(java.time.Instant.now());
    JavaRDD<Row> rows = jsc.parallelize(files, files.size()).flatMap(file -> {
      OpenedFile opened = OpenedFile.open(file, conf.value());
      Utf8Counter utf8 = new Utf8Counter(opened.in());
      InputStream in = utf8;
      SourceMapping mapping = file.of().mapping();
      DateTimeFormatter format = mapping.formatter();
      Iterator<FieldRecord> records;
      try {
        records = file.of().raw().open(in, file.read().delimiter());
      } catch (UncheckedIOException e) {
        in.close();
        return List.of(bad(file, -1, -1, "cannot read the file: " + e.getMessage(), "")).iterator();
      }
      return new Lookahead<Row>() {
        private long seq;
        private boolean broken;

        @Override
        protected Row computeNext() {
          Row next = null;
          while (next == null && !broken) {
            FieldRecord r;
            try {
              if (!records.hasNext()) {
                // The end of the file, met once (Lookahead asks no further).
                in.close();
                if (utf8.malformed() > 0) {
                  invalidUtf8.add(new java.util.AbstractMap.SimpleImmutableEntry<>(file.path(), utf8.malformed()));
                }
                return null;
              }
              r = records.next();
            } catch (RuntimeException | java.io.IOException e) {
              broken = true;
              Break b = Break.of(file.path(), -1, seq, opened.bytesRead(), opened.size(), opened.gzipped(),
                  LogParser.cause(e));
              breaks.add(b);
              return bad(file, seq++, -1, b.describe(), "");
            }
            long s = seq++;
            if (r.isBad()) {
              return bad(file, s, r.line(), r.error(), r.raw());
            }
            MappedRecord m = mapping.map(r, format, scrubber);
            if (m.scrubbed()) {
              scrubbed.add(1);
            }
            if (m.excluded()) {
              excluded.add(1);
            } else if (m.unattributed()) {
              unattributed.add(1);
            } else if (m.isBad()) {
              next = bad(file, s, r.line(), m.error(), r.raw());
            } else if (!m.linksOnly() && utf8.malformed() > 0 && m.touchpoint().indexOf('\uFFFD') >= 0) {
              next = bad(file, s, r.line(), "invalid UTF-8 in the touchpoint (is the file UTF-8?)", r.raw());
            } else if (!m.linksOnly() && m.tsMicros() > latest) {
              next = bad(file, s, r.line(), LogParser.future(m.tsMicros(), latest), r.raw());
            } else {
              next = RowFactory.create(file.source() + ":" + file.sourceOrder() + ":" + s,
                  m.eventId() != null ? file.source() + "#" + m.eventId() : null,
                  m.linksOnly() ? null : Micros.toInstant(m.tsMicros()), m.touchpoint(), m.channel(), m.owner(),
                  m.assisted(), m.keys().toArray(String[]::new), m.linksOnly(), file.source(), file.sourceOrder(), s,
                  file.path(), r.line(), null, null, "ok");
            }
          }
          return next;
        }
      };
    });
    return spark.createDataFrame(rows, MAPPED);
  }

  private static Row bad(InputFile file, long seq, long line, String reason, String raw) {
    return RowFactory.create(null, null, null, null, null, null, null, null, null, file.source(), file.sourceOrder(), seq,
        file.path(), line, reason, raw, "bad");
  }
}
