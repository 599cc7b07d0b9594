package dev.journeys.jobs.engine.spark;

import dev.journeys.jobs.ingest.Break;
import dev.journeys.jobs.ingest.Identities;
import dev.journeys.jobs.ingest.InputFile;
import dev.journeys.jobs.ingest.LogParser;
import dev.journeys.jobs.ingest.OpenedFile;
import dev.journeys.jobs.ingest.raw.FieldRecord;
import dev.journeys.jobs.ingest.raw.MappedRecord;
import dev.journeys.jobs.ingest.raw.PhoneNumbers;
import dev.journeys.jobs.ingest.raw.Scrubber;
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
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * Reads raw exports (web analytics, contact records, CRM) through their sources' mappings, one task
 * per file: events and identity links in one pass, unreadable records to quarantine. {@link RawStitching} then
 * finds their customers.
 */
final class RawIngest {

  /**
   * The part of a file a record was read from (its index among the parts of all files): a record's {@code seq} is
   * counted from its part's start until {@link Counters#recordsBefore} adds the records of the file's earlier parts.
   */
  static final String PART = "part";

  static final StructType MAPPED = new StructType()
      .add(PART, DataTypes.IntegerType)
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
      .add(OutputSchema.STATUS, DataTypes.StringType)
      .add(OutputSchema.ATTRIBUTES, OutputSchema.ATTRIBUTES_TYPE);

  /** Status of a record read but given to no customer: it carries no identity key. */
  static final String UNATTRIBUTED = "unattributed";

  private RawIngest() {}

  /**
   * What reading counts besides its rows: records left out by the sources' filters, touchpoints scrubbed, phone
   * numbers that could not be read (per source), files that broke off, invalid UTF-8 (per file).
   */
  record Counters(LongAccumulator excluded, LongAccumulator scrubbed, CollectionAccumulator<Map.Entry<String, Long>>
      unreadablePhones, CollectionAccumulator<Break> breaks, CollectionAccumulator<Map.Entry<String, Long>> invalidUtf8,
      CollectionAccumulator<long[]> partRecords) implements java.io.Serializable {

    static Counters of(SparkSession spark, CollectionAccumulator<Break> breaks,
        CollectionAccumulator<Map.Entry<String, Long>> invalidUtf8) {
      return new Counters(spark.sparkContext().longAccumulator("records excluded"),
          spark.sparkContext().longAccumulator("touchpoints scrubbed"),
          spark.sparkContext().collectionAccumulator("unreadable phone numbers"), breaks, invalidUtf8,
          spark.sparkContext().collectionAccumulator("records per part"));
    }

    /**
     * Per part of {@code parts} (as {@link #read} was given them, once it has run), the records of its file read
     * before the part: the sum of the records of the file's earlier parts. A part read twice (a task run again)
     * counts the same records.
     */
    long[] recordsBefore(List<LogParser.Part> parts) {
      long[] records = new long[parts.size()];
      java.util.Arrays.fill(records, -1);
      for (long[] partAndRecords : partRecords.value()) {
        records[(int) partAndRecords[0]] = partAndRecords[1];
      }
      long[] before = new long[parts.size()];
      for (int p = 1; p < parts.size(); p++) {
        if (parts.get(p).file().equals(parts.get(p - 1).file())) {
          if (records[p - 1] < 0) {
            throw new IllegalStateException("part " + (p - 1) + " of " + parts.get(p).file().path()
                + " did not say how many records it read");
          }
          before[p] = before[p - 1] + records[p - 1];
        }
      }
      return before;
    }

    /** Unreadable phone numbers per source, in source order of name. */
    Map<String, Long> unreadablePhonesBySource() {
      Map<String, Long> bySource = new java.util.TreeMap<>();
      unreadablePhones.value().forEach(e -> bySource.merge(e.getKey(), e.getValue(), Long::sum));
      return bySource;
    }
  }

  /**
   * Parses raw files, whole or in parts ({@link LogParts}), into mapped records (status ok), quarantined rows (status
   * bad) and records without any identity key (status unattributed, with file, line and reason). Each row says its
   * part; its {@code seq} counts from the part's start ({@link Counters#recordsBefore}).
   */
  static Dataset<Row> read(SparkSession spark, List<LogParser.Part> parts, Identities identities, Counters counters) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    org.apache.spark.util.SerializableConfiguration conf =
        new org.apache.spark.util.SerializableConfiguration(spark.sparkContext().hadoopConfiguration());
    long latest = Micros.of(java.time.Instant.now());
    Scrubber scrubber = identities.scrubber();
    PhoneNumbers phones = identities.phones();
    List<Map.Entry<Integer, LogParser.Part>> indexed = new java.util.ArrayList<>();
    for (int p = 0; p < parts.size(); p++) {
      indexed.add(new SimpleImmutableEntry<>(p, parts.get(p)));
    }
    JavaRDD<Row> rows = jsc.parallelize(indexed, Math.max(1, indexed.size())).flatMap(partAt -> {
      int part = partAt.getKey();
      InputFile file = partAt.getValue().file();
      dev.journeys.jobs.ingest.text.CsvSplits.Range range = partAt.getValue().range();
      OpenedFile opened = range == null ? OpenedFile.open(file, conf.value())
          : OpenedFile.open(file, conf.value(), range.start(), range.end());
      Utf8Counter utf8 = new Utf8Counter(opened.in());
      InputStream in = utf8;
      SourceMapping mapping = file.of().mapping();
      String source = file.source(); // once: every record names it
      DateTimeFormatter format = mapping.formatter();
      java.security.MessageDigest sha256 = sha256();
      Iterator<FieldRecord> records;
      try {
        records = range == null || range.firstRecord() == 0 ? file.of().raw().open(in, file.read().delimiter())
            : file.of().raw().openRange(in, file.read().delimiter(), range.firstLine(), partAt.getValue().header());
      } catch (UncheckedIOException e) {
        in.close();
        counters.partRecords().add(new long[] {part, 0});
        return List.of(bad(part, file, -1, -1, "cannot read the file: " + e.getMessage(), "")).iterator();
      }
      return new Lookahead<Row>() {
        private long seq;
        private boolean broken;
        private long unreadablePhones;

        @Override
        protected Row computeNext() {
          Row next = null;
          while (next == null && !broken) {
            FieldRecord r;
            try {
              if (!records.hasNext()) {
                // The end of the part, met once (Lookahead asks no further).
                in.close();
                counters.partRecords().add(new long[] {part, seq});
                if (utf8.malformed() > 0) {
                  counters.invalidUtf8().add(new SimpleImmutableEntry<>(file.path(), utf8.malformed()));
                }
                if (unreadablePhones > 0) {
                  counters.unreadablePhones().add(new SimpleImmutableEntry<>(file.source(), unreadablePhones));
                }
                return null;
              }
              r = records.next();
            } catch (RuntimeException | java.io.IOException e) {
              broken = true;
              Break b = Break.of(file.path(), -1, seq, opened.bytesRead(), opened.size(), opened.gzipped(),
                  LogParser.cause(e));
              counters.breaks().add(b);
              counters.partRecords().add(new long[] {part, seq + 1});
              return bad(part, file, seq++, -1, b.describe(), "");
            }
            long s = seq++;
            if (r.isBad()) {
              return bad(part, file, s, r.line(), r.error(), r.raw());
            }
            MappedRecord m = mapping.map(r, format, scrubber, phones);
            unreadablePhones += m.unreadablePhones();
            if (m.scrubbed()) {
              counters.scrubbed().add(1);
            }
            if (m.excluded()) {
              counters.excluded().add(1);
            } else if (m.unattributed()) {
              next = unattributed(part, file, s, r.line(), m.unreadablePhones() == 0 ? NO_KEY
                  : NO_KEY + " (" + m.unreadablePhones() + " phone number" + (m.unreadablePhones() == 1 ? "" : "s")
                      + " could not be read)");
            } else if (m.isBad()) {
              next = bad(part, file, s, r.line(), m.error(), r.raw());
            } else if (!m.linksOnly() && utf8.malformed() > 0 && m.touchpoint().indexOf('\uFFFD') >= 0) {
              next = bad(part, file, s, r.line(), "invalid UTF-8 in the touchpoint (is the file UTF-8?)", r.raw());
            } else if (!m.linksOnly() && m.tsMicros() > latest) {
              next = bad(part, file, s, r.line(), LogParser.future(m.tsMicros(), latest), r.raw());
            } else {
              // A record read twice is one record: its own id when the source names one, else its whole text.
              String dedup = source + (m.eventId() != null ? "#" + m.eventId() : "~" + digest(sha256, r.raw()));
              next = RowFactory.create(part, dedup,
                  m.linksOnly() ? null : Micros.toInstant(m.tsMicros()), m.touchpoint(), m.channel(), m.owner(),
                  m.assisted(), m.keys().toArray(String[]::new), m.linksOnly(), source, file.sourceOrder(), s,
                  file.path(), r.line(), null, null, "ok",
                  dev.journeys.jobs.io.AttributeMaps.column(m.attributes()));
            }
          }
          return next;
        }
      };
    });
    return spark.createDataFrame(rows, MAPPED);
  }

  /** Why a record has no customer. */
  static final String NO_KEY = "no identity key";

  /** A record's text as a short digest (SHA-256, 128 bits in Base64): equal texts, equal digests. */
  static String digest(java.security.MessageDigest sha256, String text) {
    byte[] hash = sha256.digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return java.util.Base64.getEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(hash, 16));
  }

  /** One digest per task: looking the algorithm up costs more than hashing a record. */
  private static java.security.MessageDigest sha256() {
    try {
      return java.security.MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static Row unattributed(int part, InputFile file, long seq, long line, String reason) {
    return RowFactory.create(part, null, null, null, null, null, null, null, null, file.source(), file.sourceOrder(),
        seq, file.path(), line, reason, null, UNATTRIBUTED, null);
  }

  private static Row bad(int part, InputFile file, long seq, long line, String reason, String raw) {
    return RowFactory.create(part, null, null, null, null, null, null, null, null, file.source(), file.sourceOrder(), seq,
        file.path(), line, reason, raw, "bad", null);
  }
}
