package dev.journeys.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.journeys.jobs.io.EventColumns;
import dev.journeys.jobs.stitch.IdentityStitching;
import dev.journeys.model.event.Micros;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest reads the inputs into the unified event table and the unreadable rows into
 * {@code quarantine/}. XES and CSV files are parsed once, one task per file, streaming, into
 * {@code events/}; Parquet inputs in the unified schema are checked column-wise and analysed in place.
 */
public final class Ingest {

  static final String FILTERED_REASON = "left out by the lifecycle filter";
  static final String WITHHELD = "(withheld: customer keys are pseudonymised; see the file at this line)";
  private static final Logger LOG = LoggerFactory.getLogger(Ingest.class);

  private Ingest() {}

  /** What ingest read and wrote; {@code stitching} is null when no raw export was read. */
  public record Result(Dataset<Row> events, EventProfile profile, long rowsRead, long eventsRead, long quarantined,
      long filtered, List<InputFile> inputs, Stitching stitching, List<Break> breaks,
      java.util.Map<String, Long> invalidUtf8) {

    /** A result without files that broke off or held invalid UTF-8. */
    public Result(Dataset<Row> events, EventProfile profile, long rowsRead, long eventsRead, long quarantined,
        long filtered, List<InputFile> inputs, Stitching stitching) {
      this(events, profile, rowsRead, eventsRead, quarantined, filtered, inputs, stitching, List.of(),
          java.util.Map.of());
    }

    /** Rows estimated lost after the files that broke off (see {@link Break#estimatedUnreadRows}). */
    public long estimatedUnreadRows() {
      return breaks.stream().mapToLong(Break::estimatedUnreadRows).sum();
    }

    /**
     * Whether the events may already be clustered by customer, so that journeys are worth streaming
     * without a shuffle first: Parquet inputs are read where they lie and may have been written so, and
     * ingest writes the events of raw exports so. Events parsed from XES and CSV logs are not.
     */
    public boolean maybeClustered() {
      return !inputs.isEmpty() && inputs.stream()
          .allMatch(f -> f.format() == InputFile.Format.PARQUET || f.format() == InputFile.Format.RAW);
    }
  }

  /**
   * How identities are handled: components of more than {@code maxKeys} keys are split back, and customer
   * keys are pseudonymised unless {@code pseudonymiser} is null.
   */
  public record Identities(int maxKeys, Pseudonymiser pseudonymiser, dev.journeys.jobs.ingest.raw.Scrubber scrubber)
      implements java.io.Serializable {
    public static final int MAX_KEYS_DEFAULT = 50;
    public static final Identities IN_CLEAR = new Identities(MAX_KEYS_DEFAULT, null);

    public Identities(int maxKeys, Pseudonymiser pseudonymiser) {
      this(maxKeys, pseudonymiser, dev.journeys.jobs.ingest.raw.Scrubber.DEFAULT);
    }
  }

  /**
   * What reading and stitching the raw exports found: records read (events, identity links and
   * duplicates), the events among them, identity keys, the customers the events belong to, components
   * split for being too large, duplicates counted once, records left out by the sources' filters,
   * records without any identity key, propagation rounds.
   */
  public record Stitching(long records, long events, long identityKeys, long customers, long oversized,
      long duplicates, long excluded, long unattributed, int rounds, java.util.Map<String, Object> report) {}

  /** Reads {@code inputs}; the profile's late events are those after {@code cutoff} (null: none). */
  public static Result run(SparkSession spark, List<InputFile> inputs, String outDir, Instant cutoff) {
    return run(spark, inputs, outDir, cutoff, Identities.IN_CLEAR);
  }

  public static Result run(SparkSession spark, List<InputFile> inputs, String outDir, Instant cutoff,
      Identities identities) {
    checkHeaders(spark.sparkContext().hadoopConfiguration(), inputs);
    LongAccumulator filtered = spark.sparkContext().longAccumulator("rows filtered");
    FileSystem fs = fileSystem(spark, outDir);
    delete(fs, outDir + "/events");
    delete(fs, outDir + "/quarantine");

    Tally tally = new Tally();
    List<InputFile> logs = inputs.stream()
        .filter(f -> f.format() == InputFile.Format.XES || f.format() == InputFile.Format.CSV).toList();
    List<InputFile> exports = inputs.stream().filter(f -> f.format() == InputFile.Format.RAW).toList();
    ProfileAccumulator parsed = new ProfileAccumulator();
    spark.sparkContext().register(parsed, "events parsed");
    if (!logs.isEmpty()) {
      readLogs(spark, logs, filtered, parsed, cutoff, fs, outDir, identities.pseudonymiser());
    }
    org.apache.spark.util.CollectionAccumulator<Break> rawBreaks = spark.sparkContext().collectionAccumulator(
        "raw files broken off");
    org.apache.spark.util.CollectionAccumulator<java.util.Map.Entry<String, Long>> rawUtf8 =
        spark.sparkContext().collectionAccumulator("raw files with invalid UTF-8");
    Stitching stitching = exports.isEmpty() ? null
        : readExports(spark, exports, fs, outDir, identities, rawBreaks, rawUtf8);
    // Logs are profiled while parsed; the events of raw exports (stitched, shuffled) need one aggregate more.
    if (exists(fs, outDir + "/events")) {
      Dataset<Row> events = spark.read().schema(STORED).parquet(outDir + "/events").select(eventColumns());
      tally.addEvents(events, exports.isEmpty() ? parsed.value().profile() : EventProfile.of(events, cutoff));
    }
    if (exists(fs, outDir + "/quarantine")) {
      tally.addQuarantined(exports.isEmpty() ? parsed.value().quarantinedRows()
          : spark.read().parquet(outDir + "/quarantine").count());
    }
    if (stitching != null) {
      // Identity links, duplicates and filtered records were read too, though they are no events.
      tally.rowsRead += stitching.records() - stitching.events() + stitching.excluded() + stitching.unattributed();
    }
    for (InputFile input : inputs) {
      if (input.format() == InputFile.Format.PARQUET) {
        checkParquet(spark, input, outDir, cutoff, tally, identities.pseudonymiser());
      }
    }
    spark.sparkContext().setJobDescription(null);
    Dataset<Row> events = tally.events != null ? tally.events : spark.createDataFrame(List.of(), EventColumns.EVENT);
    long eventsRead = tally.profile.events();
    LOG.info("Read {} events and quarantined {} rows from {} inputs", eventsRead, tally.quarantined, inputs.size());
    List<Break> breaks = new java.util.ArrayList<>(parsed.value().breaks());
    breaks.addAll(rawBreaks.value());
    breaks.sort(java.util.Comparator.comparing(Break::file));
    java.util.Map<String, Long> invalidUtf8 = new java.util.TreeMap<>(parsed.value().invalidUtf8());
    rawUtf8.value().forEach(e -> invalidUtf8.merge(Break.display(e.getKey()), e.getValue(), Long::sum));
    return new Result(events, tally.profile, tally.rowsRead, eventsRead, tally.quarantined, filtered.value(), inputs,
        stitching, List.copyOf(breaks), invalidUtf8);
  }

  /**
   * Reads raw exports through their mappings, stitches customers, and appends their events to
   * {@code events/} and their unreadable records to {@code quarantine/}.
   */
  private static Stitching readExports(SparkSession spark, List<InputFile> exports, FileSystem fs, String outDir,
      Identities identities, org.apache.spark.util.CollectionAccumulator<Break> breaks,
      org.apache.spark.util.CollectionAccumulator<java.util.Map.Entry<String, Long>> invalidUtf8) {
    LongAccumulator excluded = spark.sparkContext().longAccumulator("records excluded");
    LongAccumulator unattributed = spark.sparkContext().longAccumulator("records without identity");
    String staging = outDir + "/_staging-exports";
    spark.sparkContext().setJobDescription("ingest: read " + exports.size() + " raw export files");
    LongAccumulator scrubbed = spark.sparkContext().longAccumulator("touchpoints scrubbed");
    RawIngest.read(spark, exports, excluded, unattributed, breaks, identities.scrubber(), scrubbed, invalidUtf8).write().mode("overwrite").partitionBy(EventColumns.STATUS)
        .parquet(staging);
    String bad = staging + "/" + EventColumns.STATUS + "=bad";
    if (exists(fs, bad)) {
      Dataset<Row> rows = spark.read().parquet(bad).select(quarantineColumns());
      if (identities.pseudonymiser() != null) {
        // The raw text of an unreadable record may hold personal keys in clear: keep where it is, not what.
        rows = rows.withColumn(EventColumns.RAW, lit(WITHHELD));
      }
      rows.write().mode("append").parquet(outDir + "/quarantine");
    }
    String ok = staging + "/" + EventColumns.STATUS + "=ok";
    Stitching stitching = new Stitching(0, 0, 0, 0, 0, 0, excluded.value(), unattributed.value(), 0,
        java.util.Map.of());
    if (exists(fs, ok)) {
      spark.sparkContext().setJobDescription("ingest: stitch identities");
      RawIngest.Stitched stitched = RawIngest.stitch(spark.read().parquet(ok), identities.maxKeys(),
          identities.pseudonymiser());
      Dataset<Row> events = stitched.events().select(eventColumns()).localCheckpoint();
      long eventCount = events.count();
      // Written clustered by customer (ranges of customers, each file sorted), so that the journeys of
      // this run and of any later run on events/ stream file by file without a shuffle.
      events.repartitionByRange(clusteredFiles(spark, eventCount), col(EventColumns.CUSTOMER_ID))
          .sortWithinPartitions(col(EventColumns.CUSTOMER_ID), col(EventColumns.TS), col(EventColumns.SOURCE_ORDER),
              col(EventColumns.SEQ))
          .withColumn(EventColumns.FILE, lit(null).cast("string"))
          .withColumn(EventColumns.LINE, lit(null).cast("long")).withColumn(EventColumns.REASON, lit(null).cast("string"))
          .withColumn(EventColumns.RAW, lit(null).cast("string"))
          .write().mode("append").parquet(outDir + "/events");
      IdentityStitching.Result s = stitched.stitching();
      stitching = new Stitching(stitched.records(), eventCount, s.customers().count(),
          events.select(EventColumns.CUSTOMER_ID).distinct().count(), s.oversized().count(),
          stitched.duplicates(), excluded.value(), unattributed.value(), s.rounds(),
          withScrubbed(RawIngest.report(stitched, identities.pseudonymiser()), scrubbed.value()));
    }
    delete(fs, staging);
    return stitching;
  }

  /** The stitching report with the number of touchpoints the scrubber changed (personal data taken out). */
  private static java.util.Map<String, Object> withScrubbed(java.util.Map<String, Object> report, long scrubbed) {
    java.util.Map<String, Object> all = new java.util.LinkedHashMap<>(report);
    all.put("touchpoints_scrubbed", scrubbed);
    return all;
  }

  /** Files of clustered events: about a million events each, at least two per core. */
  static int clusteredFiles(SparkSession spark, long events) {
    return (int) Math.max(2L * spark.sparkContext().defaultParallelism(), Math.min((events + 999_999) / 1_000_000,
        100_000));
  }

  /** The columns of {@code quarantine/}, the same for every kind of input. */
  private static Column[] quarantineColumns() {
    return java.util.Arrays.stream(EventColumns.INGESTED.fieldNames())
        .filter(c -> !c.equals(EventColumns.STATUS))
        .map(c -> RawIngest.MAPPED.getFieldIndex(c).isDefined() && !c.equals(EventColumns.TS)
            && !c.equals(EventColumns.TOUCHPOINT) && !c.equals(EventColumns.CHANNEL) && !c.equals(EventColumns.OWNER)
            && !c.equals(EventColumns.ASSISTED)
            ? col(c) : lit(null).cast(EventColumns.INGESTED.apply(c).dataType()).as(c))
        .toArray(Column[]::new);
  }

  /** What the inputs read so far add up to. */
  private static final class Tally {
    Dataset<Row> events;
    EventProfile profile = EventProfile.EMPTY;
    long rowsRead;
    long quarantined;

    void addEvents(Dataset<Row> more, EventProfile moreProfile) {
      events = events == null ? more : events.unionByName(more);
      profile = profile.plus(moreProfile);
      rowsRead += moreProfile.events();
    }

    void addQuarantined(long rows) {
      quarantined += rows;
      rowsRead += rows;
    }
  }

  /** Parses XES and CSV event logs once: events and quarantined rows leave the same pass, split by status. */
  private static void readLogs(SparkSession spark, List<InputFile> logs, LongAccumulator filtered,
      ProfileAccumulator parsed, Instant cutoff, FileSystem fs, String outDir, Pseudonymiser pseudonymiser) {
    String staging = outDir + "/_staging-ingest";
    spark.sparkContext().setJobDescription("ingest: read " + logs.size() + " event logs into events/ and quarantine/");
    raw(spark, logs, filtered, parsed, cutoff, pseudonymiser).write().mode("overwrite").partitionBy(EventColumns.STATUS)
        .parquet(staging);
    move(fs, staging + "/" + EventColumns.STATUS + "=ok", outDir + "/events");
    move(fs, staging + "/" + EventColumns.STATUS + "=bad", outDir + "/quarantine");
    delete(fs, staging);
  }

  /**
   * Parquet in the unified schema is analysed where it lies; only its unreadable rows are copied.
   * One aggregate counts them and profiles the readable ones.
   */
  private static void checkParquet(SparkSession spark, InputFile input, String outDir, Instant cutoff, Tally tally,
      Pseudonymiser pseudonymiser) {
    Dataset<Row> checked = parquet(spark, input);
    if (pseudonymiser != null) {
      spark.udf().register("journeys_pseudonym_parquet", (org.apache.spark.sql.api.java.UDF1<String, String>)
          pseudonymiser::pseudonym, DataTypes.StringType);
      checked = checked.withColumn(EventColumns.CUSTOMER_ID,
          org.apache.spark.sql.functions.callUDF("journeys_pseudonym_parquet", col(EventColumns.CUSTOMER_ID)));
    }
    spark.sparkContext().setJobDescription("ingest: check " + input.path());
    Column[] keys = EventProfile.keys();
    Column[] groups = new Column[keys.length + 1];
    groups[0] = col(EventColumns.STATUS);
    System.arraycopy(keys, 0, groups, 1, keys.length);
    Column[] aggregates = EventProfile.aggregates(cutoff);
    List<Row> grouped = checked.groupBy(groups)
        .agg(aggregates[0], java.util.Arrays.copyOfRange(aggregates, 1, aggregates.length)).collectAsList();
    List<Row> good = grouped.stream().filter(r -> "ok".equals(r.getString(0))).toList();
    long bad = grouped.stream().filter(r -> !"ok".equals(r.getString(0))).mapToLong(r -> r.getLong(7)).sum();
    tally.addEvents(checked.filter(col(EventColumns.STATUS).equalTo("ok")).select(eventColumns()),
        EventProfile.from(good, 1));
    tally.addQuarantined(bad);
    if (bad > 0) {
      writeQuarantined(checked, outDir);
    }
  }

  /** Appends the bad rows of {@code checked} (see {@link #parquet}) to {@code quarantine/}. */
  public static void writeQuarantined(Dataset<Row> checked, String outDir) {
    checked.filter(col(EventColumns.STATUS).equalTo("bad")).drop(EventColumns.STATUS)
        .write().mode("append").parquet(outDir + "/quarantine");
  }

  /** Removes {@code events/} and {@code quarantine/} an earlier run left in {@code outDir}. */
  public static void clear(SparkSession spark, String outDir) {
    FileSystem fs = fileSystem(spark, outDir);
    delete(fs, outDir + "/events");
    delete(fs, outDir + "/quarantine");
  }

  /** Whether {@code outDir} holds quarantined rows. */
  public static boolean hasQuarantine(SparkSession spark, String outDir) {
    return exists(fileSystem(spark, outDir), outDir + "/quarantine");
  }

  /** How {@code events/} is stored: every ingested column but the status its folder stood for. */
  static final org.apache.spark.sql.types.StructType STORED = new org.apache.spark.sql.types.StructType(
      java.util.Arrays.stream(EventColumns.INGESTED.fields()).filter(f -> !f.name().equals(EventColumns.STATUS))
          .toArray(org.apache.spark.sql.types.StructField[]::new));

  public static Column[] eventColumns() {
    return java.util.Arrays.stream(EventColumns.EVENT.fieldNames()).map(c -> col(c)).toArray(Column[]::new);
  }

  /** Reads every CSV header on the driver, so a missing column is one clear error before any work. */
  static void checkHeaders(Configuration conf, List<InputFile> inputs) {
    for (InputFile input : inputs) {
      if (input.format() == InputFile.Format.CSV) {
        try (InputStream in = open(input, conf).in()) {
          new CsvEventReader(in, input.read(), input.path());
        } catch (IOException | UncheckedIOException e) {
          // A file that cannot be read whole is read as far as it goes, and the break is quarantined.
          LOG.warn("Cannot check the header of {}: {}", input.path(), e.getMessage());
        } catch (IllegalArgumentException e) {
          throw new InputException(e.getMessage());
        }
      }
    }
  }

  private static Dataset<Row> raw(SparkSession spark, List<InputFile> files, LongAccumulator filtered,
      ProfileAccumulator parsed, Instant cutoff, Pseudonymiser pseudonymiser) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    org.apache.spark.util.SerializableConfiguration conf =
        new org.apache.spark.util.SerializableConfiguration(spark.sparkContext().hadoopConfiguration());
    Instant notAfter = Instant.now();
    JavaRDD<Row> rows = jsc.parallelize(files, files.size())
        .flatMap(file -> parse(file, conf.value(), cutoff, notAfter, pseudonymiser, () -> filtered.add(1), parsed::add));
    return spark.createDataFrame(rows, EventColumns.INGESTED);
  }

  /**
   * Parses one XES or CSV log, streaming, into rows of {@link EventColumns#INGESTED}: events and
   * quarantined rows, told apart by their status. Rows the lifecycle filter leaves out are only counted
   * ({@code onFiltered}); the file's profile goes to {@code onEnd} once, at its end, so a task that fails
   * half-way adds nothing. A file that cannot be opened, or breaks off, quarantines one row saying so.
   */
  static Iterator<Row> parse(InputFile file, Configuration conf, Instant cutoff, Instant notAfter,
      Pseudonymiser pseudonymiser, Runnable onFiltered, java.util.function.Consumer<ProfileAccumulator.Tally> onEnd)
      throws IOException {
    long latest = Micros.of(notAfter);
    Opened opened = open(file, conf);
    InputStream in = opened.in();
    Iterator<IngestRecord> records;
    CsvEventReader csv = null;
    try {
      if (file.format() == InputFile.Format.XES) {
        records = new XesEventReader(in, xesOptions(file.read()));
      } else {
        csv = new CsvEventReader(in, file.read(), file.path());
        records = csv;
      }
    } catch (UncheckedIOException e) {
      closeQuietly(in);
      ProfileAccumulator.Tally unreadable = new ProfileAccumulator.Tally(cutoff);
      unreadable.quarantined();
      onEnd.accept(unreadable);
      return List.of(toRow(file, IngestRecord.bad(-1, -1, "cannot read the file: " + e.getMessage(), ""))).iterator();
    }
    CsvEventReader csvReader = csv;
    ProfileAccumulator.Tally profile = new ProfileAccumulator.Tally(cutoff);
    return new Iterator<Row>() {
      private Row next;

      private boolean broken;
      private boolean profiled;
      private long rows;

      @Override
      public boolean hasNext() {
        while (next == null && !broken && readerHasNext()) {
          IngestRecord r = inThePast(records.next(), latest);
          rows++;
          if (FILTERED_REASON.equals(r.reason())) {
            onFiltered.run();
          } else {
            next = toRow(file, r, pseudonymiser);
            count(r);
          }
        }
        if (next == null) {
          closeQuietly(in);
          if (!profiled) {
            if (csvReader != null && csvReader.invalidUtf8() > 0) {
              profile.invalidUtf8(Break.display(file.path()), csvReader.invalidUtf8());
            }
            onEnd.accept(profile);
            profiled = true;
          }
        }
        return next != null;
      }

      private void count(IngestRecord r) {
        if (r.isBad()) {
          profile.quarantined();
        } else {
          profile.event(r.tsMicros(), r.touchpoint(), r.channel(), r.owner());
        }
      }

      /**
       * A file that ends early (a truncated gzip or XML document, a cut last record) or breaks off (malformed
       * XML, a failing disk) quarantines one row saying where, and is recorded as a {@link Break} of the file.
       */
      private boolean readerHasNext() {
        try {
          return records.hasNext();
        } catch (RuntimeException e) {
          broken = true;
          Break b = Break.of(file.path(), e instanceof InputBreak ib ? ib.line() : -1, rows, opened.bytesRead(),
              opened.size(), opened.gzipped(), cause(e));
          next = toRow(file, IngestRecord.bad(-1, b.line(), b.describe(), ""));
          profile.quarantined();
          profile.broke(b);
          return false;
        }
      }

      @Override
      public Row next() {
        hasNext();
        Row r = next;
        next = null;
        return r;
      }
    };
  }

  /**
   * An event dated after {@code latestMicros} (the wall clock when the run started) cannot have happened
   * yet: a mistyped year, a wrong time zone or a placeholder such as 9999-12-31. It is quarantined, so that
   * it neither moves the default cut-off nor turns pending journeys into dropped ones.
   */
  static IngestRecord inThePast(IngestRecord r, long latestMicros) {
    if (r.isBad() || r.tsMicros() <= latestMicros) {
      return r;
    }
    return IngestRecord.bad(r.seq(), r.line(), future(r.tsMicros(), latestMicros), r.raw() == null ? "" : r.raw());
  }

  static String future(long tsMicros, long latestMicros) {
    return "in the future: " + Micros.toInstant(tsMicros) + " is after the run started ("
        + Micros.toInstant(latestMicros) + ")";
  }

  /** What went wrong, in words: the reader's own message, or the I/O error underneath. */
  static String cause(Exception e) {
    if (e instanceof InputBreak) {
      return e.getMessage();
    }
    Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
    if (t instanceof java.io.EOFException) {
      return "the compressed data ends early (" + t.getMessage() + ")";
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  static ReadOptions xesOptions(ReadOptions o) {
    String activity = o.activityColumn().equals(ReadOptions.ACTIVITY_COLUMN_DEFAULT) ? "concept:name" : o.activityColumn();
    String time = o.timestampColumn().equals(ReadOptions.TIMESTAMP_COLUMN_DEFAULT) ? "time:timestamp" : o.timestampColumn();
    return new ReadOptions(o.caseColumn(), activity, time, o.customerColumn(), o.channelColumn(), o.ownerColumn(),
        o.assistedColumn(), o.assistedChannels(), o.lifecycle(), o.zone(), o.delimiter(), o.timestampFormat());
  }

  private static Row toRow(InputFile file, IngestRecord r) {
    return toRow(file, r, null);
  }

  private static Row toRow(InputFile file, IngestRecord r, Pseudonymiser pseudonymiser) {
    if (r.isBad()) {
      return RowFactory.create(null, null, null, null, null, null, null, file.source(), file.sourceOrder(), r.seq(),
          null, file.path(), r.line(), r.reason(), pseudonymiser == null ? r.raw() : WITHHELD, "bad");
    }
    String customer = pseudonymiser == null ? r.customerId() : pseudonymiser.pseudonym(r.customerId());
    return RowFactory.create(file.source() + ":" + r.seq(), customer, r.caseId(), Micros.toInstant(r.tsMicros()),
        r.touchpoint(), r.channel(), r.owner(), file.source(), file.sourceOrder(), r.seq(), r.assisted(),
        file.path(), r.line(), null, null, "ok");
  }

  /**
   * A Parquet input in the unified schema as rows of {@link EventColumns#INGESTED}: rows without customer,
   * time or touchpoint have a reason and the status {@code bad}.
   */
  public static Dataset<Row> parquet(SparkSession spark, InputFile input) {
    Instant now = Instant.now();
    Dataset<Row> df = spark.read().parquet(input.path());
    List<String> columns = List.of(df.columns());
    List<String> missing = new ArrayList<>();
    for (String required : List.of(EventColumns.CUSTOMER_ID, EventColumns.TS, EventColumns.TOUCHPOINT)) {
      if (!columns.contains(required)) {
        missing.add(required);
      }
    }
    if (!missing.isEmpty()) {
      throw new InputException("Cannot read " + input.path() + ": column(s) " + String.join(", ", missing)
          + " not found; the unified event schema needs customer_id, ts and touchpoint; the file has: "
          + String.join(", ", columns));
    }
    Column channel = columns.contains(EventColumns.CHANNEL) ? col(EventColumns.CHANNEL)
        : org.apache.spark.sql.functions.when(col(EventColumns.TOUCHPOINT).contains(":"),
            org.apache.spark.sql.functions.substring_index(col(EventColumns.TOUCHPOINT), ":", 1));
    Column seq = columns.contains(EventColumns.SEQ) ? col(EventColumns.SEQ)
        : org.apache.spark.sql.functions.monotonically_increasing_id();
    Column reason = org.apache.spark.sql.functions
        .when(col(EventColumns.CUSTOMER_ID).isNull().or(org.apache.spark.sql.functions.trim(col(EventColumns.CUSTOMER_ID)).equalTo("")),
            lit("empty customer_id"))
        .when(col(EventColumns.TS).isNull(), lit("empty ts"))
        .when(col(EventColumns.TOUCHPOINT).isNull().or(org.apache.spark.sql.functions.trim(col(EventColumns.TOUCHPOINT)).equalTo("")),
            lit("empty touchpoint"))
        .when(col(EventColumns.TS).cast("timestamp").gt(lit(java.sql.Timestamp.from(now))),
            org.apache.spark.sql.functions.concat(lit("in the future: "),
                org.apache.spark.sql.functions.date_format(col(EventColumns.TS).cast("timestamp"),
                    "yyyy-MM-dd'T'HH:mm:ss"), lit(" is after the run started (" + now + ")")));
    Dataset<Row> withSeq = df.withColumn("_seq", seq).withColumn("_channel", channel);
    return withSeq.select(
        optional(columns, EventColumns.EVENT_ID, org.apache.spark.sql.functions.concat(lit(input.source() + ":"), col("_seq").cast("string"))),
        col(EventColumns.CUSTOMER_ID).cast("string").as(EventColumns.CUSTOMER_ID),
        optional(columns, EventColumns.CASE_ID, lit(null).cast("string")),
        col(EventColumns.TS).cast("timestamp").as(EventColumns.TS),
        col(EventColumns.TOUCHPOINT).cast("string").as(EventColumns.TOUCHPOINT),
        col("_channel").cast("string").as(EventColumns.CHANNEL),
        optional(columns, EventColumns.OWNER, lit(null).cast("string")),
        optional(columns, EventColumns.SOURCE, lit(input.source())),
        lit(input.sourceOrder()).as(EventColumns.SOURCE_ORDER),
        col("_seq").cast("long").as(EventColumns.SEQ),
        optional(columns, EventColumns.ASSISTED, col("_channel").isin(ReadOptions.ASSISTED_CHANNELS_DEFAULT.stream().sorted().toArray())),
        lit(input.path()).as(EventColumns.FILE),
        col("_seq").cast("long").as(EventColumns.LINE),
        reason.as(EventColumns.REASON),
        org.apache.spark.sql.functions.when(reason.isNotNull(),
            org.apache.spark.sql.functions.to_json(org.apache.spark.sql.functions.struct(col(EventColumns.CUSTOMER_ID),
                col(EventColumns.TS), col(EventColumns.TOUCHPOINT)))).as(EventColumns.RAW),
        org.apache.spark.sql.functions.when(reason.isNull(), lit("ok")).otherwise(lit("bad")).as(EventColumns.STATUS));
  }

  private static Column optional(List<String> columns, String name, Column otherwise) {
    Column c = columns.contains(name) ? col(name) : otherwise;
    return c.cast(EventColumns.EVENT.apply(name).dataType()).as(name);
  }

  /** An opened input: the stream to read (decompressed), and how far into the file itself reading has got. */
  record Opened(InputStream in, Counting counting, long size, boolean gzipped) {
    long bytesRead() {
      return counting.count;
    }
  }

  /** Counts the bytes read from the file, before decompression. */
  static final class Counting extends java.io.FilterInputStream {
    long count;

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count += skipped;
      return skipped;
    }
  }

  static Opened open(InputFile file, Configuration conf) throws IOException {
    Path path = new Path(file.path());
    FileSystem fs = path.getFileSystem(conf);
    long size = fs.getFileStatus(path).getLen();
    Counting counting = new Counting(fs.open(path));
    InputStream in = file.gzipped() ? new GZIPInputStream(counting, 1 << 16) : counting;
    return new Opened(in, counting, size, file.gzipped());
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // Reading is finished; a failed close loses nothing.
    }
  }

  static FileSystem fileSystem(SparkSession spark, String dir) {
    try {
      return new Path(dir).getFileSystem(spark.sparkContext().hadoopConfiguration());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean exists(FileSystem fs, String path) {
    try {
      return fs.exists(new Path(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void move(FileSystem fs, String from, String to) {
    try {
      fs.delete(new Path(to), true);
      if (fs.exists(new Path(from))) {
        fs.rename(new Path(from), new Path(to));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot move " + from + " to " + to + ": " + e.getMessage(), e);
    }
  }

  static void delete(FileSystem fs, String path) {
    try {
      fs.delete(new Path(path), true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
