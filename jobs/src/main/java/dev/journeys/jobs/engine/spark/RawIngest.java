package dev.journeys.jobs.engine.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.row_number;

import dev.journeys.jobs.ingest.Break;
import dev.journeys.jobs.ingest.InputFile;
import dev.journeys.jobs.ingest.LogParser;
import dev.journeys.jobs.ingest.OpenedFile;
import dev.journeys.jobs.ingest.Pseudonymiser;
import dev.journeys.jobs.ingest.raw.FieldRecord;
import dev.journeys.jobs.ingest.raw.MappedRecord;
import dev.journeys.jobs.ingest.raw.SourceMapping;
import dev.journeys.jobs.ingest.text.Utf8Counter;
import dev.journeys.jobs.io.EventColumns;
import dev.journeys.jobs.io.EventIds;
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
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * Reads raw exports (web analytics, contact records, CRM) through their sources' mappings, one task
 * per file: events and identity links in one pass, unreadable records to quarantine. Then it counts
 * exact duplicates once (same source and record id, or the same content), stitches customers from the
 * identity keys seen together, and gives each event its customer: the component's representative key,
 * pseudonymised unless the run says not to.
 */
final class RawIngest {

  static final StructType MAPPED = new StructType()
      .add("record_id", DataTypes.StringType)
      .add("dedup_key", DataTypes.StringType)
      .add(EventColumns.TS, DataTypes.TimestampType)
      .add(EventColumns.TOUCHPOINT, DataTypes.StringType)
      .add(EventColumns.CHANNEL, DataTypes.StringType)
      .add(EventColumns.OWNER, DataTypes.StringType)
      .add(EventColumns.ASSISTED, DataTypes.BooleanType)
      .add("identity_keys", DataTypes.createArrayType(DataTypes.StringType))
      .add("links_only", DataTypes.BooleanType)
      .add(EventColumns.SOURCE, DataTypes.StringType)
      .add(EventColumns.SOURCE_ORDER, DataTypes.IntegerType)
      .add(EventColumns.SEQ, DataTypes.LongType)
      .add(EventColumns.FILE, DataTypes.StringType)
      .add(EventColumns.LINE, DataTypes.LongType)
      .add(EventColumns.REASON, DataTypes.StringType)
      .add(EventColumns.RAW, DataTypes.StringType)
      .add(EventColumns.STATUS, DataTypes.StringType);

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
      return new Iterator<Row>() {
        private long seq;
        private Row next;
        private boolean broken;

        @Override
        public boolean hasNext() {
          while (next == null && !broken) {
            FieldRecord r;
            try {
              if (!records.hasNext()) {
                in.close();
                if (utf8.malformed() > 0) {
                  invalidUtf8.add(new java.util.AbstractMap.SimpleImmutableEntry<>(file.path(), utf8.malformed()));
                }
                return false;
              }
              r = records.next();
            } catch (RuntimeException | java.io.IOException e) {
              broken = true;
              Break b = Break.of(file.path(), -1, seq, opened.bytesRead(), opened.size(), opened.gzipped(),
                  LogParser.cause(e));
              breaks.add(b);
              next = bad(file, seq++, -1, b.describe(), "");
              break;
            }
            long s = seq++;
            if (r.isBad()) {
              next = bad(file, s, r.line(), r.error(), r.raw());
              continue;
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
          return next != null;
        }

        @Override
        public Row next() {
          hasNext();
          Row r = next;
          next = null;
          return r;
        }
      };
    });
    return spark.createDataFrame(rows, MAPPED);
  }

  private static Row bad(InputFile file, long seq, long line, String reason, String raw) {
    return RowFactory.create(null, null, null, null, null, null, null, null, null, file.source(), file.sourceOrder(), seq,
        file.path(), line, reason, raw, "bad");
  }

  /** Key kinds that name a device or a session rather than a person. */
  static final java.util.Set<String> ANONYMOUS_KINDS = java.util.Set.of("anon", "visitor", "cookie", "client", "device");

  /** The stitching of mapped records, and the stitched events in the unified schema. */
  record Stitched(Dataset<Row> events, IdentityStitching.Result stitching, long records, long duplicates,
      Dataset<Row> unique) {}

  /**
   * The stitching report: per source, events and those whose customer has a key naming a person (not
   * only a device or session); how many customers have how many keys; the components split for size.
   */
  static Map<String, Object> report(Stitched stitched, Pseudonymiser pseudonymiser) {
    Dataset<Row> customers = stitched.stitching().customers();
    Dataset<Row> known = customers
        .withColumn("person", org.apache.spark.sql.functions.when(org.apache.spark.sql.functions
            .substring_index(col(IdentityStitching.KEY), ":", 1).isin(ANONYMOUS_KINDS.toArray()), 0).otherwise(1))
        .groupBy(IdentityStitching.CUSTOMER).agg(org.apache.spark.sql.functions.max("person").as("person"),
            org.apache.spark.sql.functions.count(lit(1)).as("keys"))
        .localCheckpoint();
    Map<String, Object> report = new java.util.LinkedHashMap<>();
    List<Map<String, Object>> sources = new java.util.ArrayList<>();
    for (Row r : stitched.unique().filter(col("links_only").equalTo(false))
        .join(stitched.stitching().records(), "record_id").join(known, IdentityStitching.CUSTOMER)
        .groupBy(EventColumns.SOURCE).agg(org.apache.spark.sql.functions.count(lit(1)),
            org.apache.spark.sql.functions.sum("person"))
        .orderBy(EventColumns.SOURCE).collectAsList()) {
      long events = r.getLong(1);
      long person = r.isNullAt(2) ? 0 : r.getLong(2);
      sources.add(ordered("source", r.getString(0), "events", events, "events_of_known_customers", person,
          "known_share", events == 0 ? 0.0 : (double) person / events));
    }
    report.put("sources", sources);
    Map<String, Long> sizes = new java.util.LinkedHashMap<>();
    for (Row r : known.withColumn("size", org.apache.spark.sql.functions
            .when(col("keys").leq(1), "1").when(col("keys").leq(2), "2").when(col("keys").leq(5), "3-5")
            .when(col("keys").leq(10), "6-10").when(col("keys").leq(50), "11-50").otherwise("over 50"))
        .groupBy("size").count().collectAsList()) {
      sizes.put(r.getString(0), r.getLong(1));
    }
    Map<String, Long> ordered = new java.util.LinkedHashMap<>();
    for (String bucket : List.of("1", "2", "3-5", "6-10", "11-50", "over 50")) {
      ordered.put(bucket, sizes.getOrDefault(bucket, 0L));
    }
    report.put("identity_components", known.count());
    report.put("customers_by_number_of_keys", ordered);
    report.put("customers_known_only_by_a_device_or_session", known.filter(col("person").equalTo(0)).count());
    List<Map<String, Object>> suspects = new java.util.ArrayList<>();
    for (Row r : stitched.stitching().oversized().orderBy(col("keys").desc()).limit(100).collectAsList()) {
      String representative = r.getString(0);
      suspects.add(ordered("component", pseudonymiser == null ? representative
          : pseudonymiser.pseudonym(representative), "keys", r.getLong(1), "split_back_into_its_keys", true));
    }
    report.put("oversized_components", suspects);
    List<Map<String, Object>> hubs = new java.util.ArrayList<>();
    for (Row r : stitched.stitching().hubKeys().orderBy(col("neighbours").desc()).limit(100).collectAsList()) {
      String key = r.getString(0);
      String kind = key.substring(0, Math.max(0, key.indexOf(':')));
      hubs.add(ordered("kind", kind, "key", pseudonymiser == null ? key : pseudonymiser.pseudonym(key),
          "linked_keys", r.getLong(1), "used_for_stitching", false));
    }
    report.put("shared_keys", hubs);
    return report;
  }

  /** A map that keeps its keys in the order given, so that the report's JSON is the same bytes every run. */
  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  static Stitched stitch(Dataset<Row> mapped, int maxKeys, Pseudonymiser pseudonymiser) {
    // Exact duplicates (the same record read twice) count once: by record id, else by content.
    Dataset<Row> keyed = mapped.withColumn("dedup", org.apache.spark.sql.functions.coalesce(col("dedup_key"),
        org.apache.spark.sql.functions.sha2(org.apache.spark.sql.functions.to_json(org.apache.spark.sql.functions.struct(
            col(EventColumns.SOURCE), col(EventColumns.TS), col(EventColumns.TOUCHPOINT), col("identity_keys"),
            col("links_only"))), 256)));
    Dataset<Row> unique = keyed
        .withColumn("copy", row_number().over(Window.partitionBy("dedup")
            .orderBy(col(EventColumns.SOURCE_ORDER), col(EventColumns.SEQ))))
        .filter(col("copy").equalTo(1)).drop("copy", "dedup").localCheckpoint();
    long records = mapped.count();
    long duplicates = records - unique.count();

    Dataset<Row> links = unique.select(col("record_id"), posexplode(col("identity_keys")))
        .select(col("record_id"), col("col").as(IdentityStitching.KEY), col("pos").as(IdentityStitching.RANK));
    IdentityStitching.Result stitching = IdentityStitching.stitch(links, maxKeys);

    UDF1<String, String> pseudonym = pseudonymiser == null ? value -> value : pseudonymiser::pseudonym;
    mapped.sparkSession().udf().register("journeys_pseudonym", pseudonym, DataTypes.StringType);
    Dataset<Row> events = unique.filter(col("links_only").equalTo(false))
        .join(stitching.records(), "record_id")
        .select(
            EventIds.ofRawExport(col(EventColumns.SOURCE), col(EventColumns.SEQ), col(EventColumns.SOURCE_ORDER))
                .as(EventColumns.EVENT_ID),
            org.apache.spark.sql.functions.callUDF("journeys_pseudonym", col(IdentityStitching.CUSTOMER))
                .as(EventColumns.CUSTOMER_ID),
            lit(null).cast("string").as(EventColumns.CASE_ID),
            col(EventColumns.TS), col(EventColumns.TOUCHPOINT), col(EventColumns.CHANNEL), col(EventColumns.OWNER),
            col(EventColumns.SOURCE), col(EventColumns.SOURCE_ORDER), col(EventColumns.SEQ), col(EventColumns.ASSISTED));
    return new Stitched(events, stitching, records, duplicates, unique);
  }
}
