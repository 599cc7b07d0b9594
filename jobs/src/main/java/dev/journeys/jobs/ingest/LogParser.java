package dev.journeys.jobs.ingest;

import dev.journeys.jobs.ingest.text.CsvSplits;
import dev.journeys.jobs.ingest.text.Lookahead;
import dev.journeys.jobs.io.EventIds;
import dev.journeys.model.event.Micros;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses one XES or CSV event log, streaming, into rows of {@link OutputSchema#INGESTED}: the part of ingest
 * every engine shares. Spark runs it in one task per file, or per byte range of a large CSV file ({@link Part});
 * the local engine in a loop.
 */
public final class LogParser {

  /** The reason of rows the lifecycle filter leaves out; they are counted, not quarantined. */
  public static final String FILTERED_REASON = "left out by the lifecycle filter";
  /** What a pseudonymised run writes for the raw text of an unreadable row, which may hold personal keys. */
  public static final String WITHHELD = "(withheld: customer keys are pseudonymised; see the file at this line)";
  private static final Logger LOG = LoggerFactory.getLogger(LogParser.class);

  private LogParser() {}

  /** Reads every CSV header on the driver, so a missing column is one clear error before any work. */
  public static void checkHeaders(Configuration conf, List<InputFile> inputs) {
    for (InputFile input : inputs) {
      if (input.format() == InputFile.Format.CSV) {
        try (InputStream in = OpenedFile.open(input, conf).in()) {
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

  /**
   * Parses one XES or CSV log, streaming, into rows of {@link OutputSchema#INGESTED}: events and
   * quarantined rows, told apart by their status. Rows the lifecycle filter leaves out are only counted
   * ({@code onFiltered}); the file's profile goes to {@code onEnd} once, at its end, so a task that fails
   * half-way adds nothing. A file that cannot be opened, or breaks off, quarantines one row saying so.
   */
  public static Iterator<Row> parse(InputFile file, Configuration conf, Instant cutoff, Instant notAfter,
      Pseudonymiser pseudonymiser, Runnable onFiltered, java.util.function.Consumer<ProfileTally> onEnd)
      throws IOException {
    return parse(Part.whole(file), conf, cutoff, notAfter, pseudonymiser, onFiltered, onEnd);
  }

  /**
   * What one task parses: a whole file, or a range of an uncompressed CSV file ({@link CsvSplits}) with the
   * file's header when the range does not start with it.
   */
  public record Part(InputFile file, CsvSplits.Range range, List<String> header) implements java.io.Serializable {
    public static Part whole(InputFile file) {
      return new Part(file, null, null);
    }

    /** The records of the file before this part's first (the header counted). */
    long recordsBefore() {
      return range == null ? 0 : range.firstRecord();
    }
  }

  /** As above, for one part of a file: its rows say the file's lines and sequence numbers. */
  public static Iterator<Row> parse(Part part, Configuration conf, Instant cutoff, Instant notAfter,
      Pseudonymiser pseudonymiser, Runnable onFiltered, java.util.function.Consumer<ProfileTally> onEnd)
      throws IOException {
    InputFile file = part.file();
    long latest = Micros.of(notAfter);
    CsvSplits.Range range = part.range();
    OpenedFile opened = range == null ? OpenedFile.open(file, conf) : OpenedFile.open(file, conf, range.start(),
        range.end());
    InputStream in = opened.in();
    Iterator<IngestRecord> records;
    CsvEventReader csv = null;
    // Rows before this part: the data records of the file before it (the header is no row).
    long rowsBefore = Math.max(0, part.recordsBefore() - 1);
    try {
      if (file.format() == InputFile.Format.XES) {
        records = new XesEventReader(in, xesOptions(file.read()));
      } else if (range == null || range.firstRecord() == 0) {
        csv = new CsvEventReader(in, file.read(), file.path());
        records = csv;
      } else {
        csv = new CsvEventReader(in, file.read(), file.path(), part.header(), range.firstLine(), rowsBefore);
        records = csv;
      }
    } catch (UncheckedIOException e) {
      OpenedFile.closeQuietly(in);
      ProfileTally unreadable = new ProfileTally(cutoff);
      unreadable.quarantined();
      onEnd.accept(unreadable);
      return List.of(toRow(file, IngestRecord.bad(-1, -1, "cannot read the file: " + e.getMessage(), ""))).iterator();
    }
    CsvEventReader csvReader = csv;
    ProfileTally profile = new ProfileTally(cutoff);
    return new Lookahead<Row>() {
      private Row breakRow;
      private boolean broken;
      private long rows;
      private final String source = file.source(); // once: every row names it

      @Override
      protected Row computeNext() {
        while (!broken && readerHasNext()) {
          IngestRecord r = inThePast(records.next(), latest);
          rows++;
          if (FILTERED_REASON.equals(r.reason())) {
            onFiltered.run();
          } else {
            count(r);
            return toRow(file, source, r, pseudonymiser);
          }
        }
        if (breakRow != null) {
          Row r = breakRow;
          breakRow = null;
          return r;
        }
        // The end of the file, met once: the file is closed and its profile handed on.
        OpenedFile.closeQuietly(in);
        if (csvReader != null && csvReader.invalidUtf8() > 0) {
          profile.invalidUtf8(Break.display(file.path()), csvReader.invalidUtf8());
        }
        onEnd.accept(profile);
        return null;
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
          Break b = Break.of(file.path(), e instanceof InputBreak ib ? ib.line() : -1, rowsBefore + rows,
              opened.bytesRead(),
              opened.size(), opened.gzipped(), cause(e));
          breakRow = toRow(file, IngestRecord.bad(-1, b.line(), b.describe(), ""));
          profile.quarantined();
          profile.broke(b);
          return false;
        }
      }
    };
  }

  /**
   * An event dated after {@code latestMicros} (the wall clock when the run started) cannot have happened
   * yet: a mistyped year, a wrong time zone or a placeholder such as 9999-12-31. It is quarantined, so that
   * it neither moves the default cut-off nor turns pending journeys into dropped ones.
   */
  public static IngestRecord inThePast(IngestRecord r, long latestMicros) {
    if (r.isBad() || r.tsMicros() <= latestMicros) {
      return r;
    }
    return IngestRecord.bad(r.seq(), r.line(), future(r.tsMicros(), latestMicros), r.raw() == null ? "" : r.raw());
  }

  public static String future(long tsMicros, long latestMicros) {
    return "in the future: " + Micros.toInstant(tsMicros) + " is after the run started ("
        + Micros.toInstant(latestMicros) + ")";
  }

  /** What went wrong, in words: the reader's own message, or the I/O error underneath. */
  public static String cause(Exception e) {
    if (e instanceof InputBreak) {
      return e.getMessage();
    }
    Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
    if (t instanceof java.io.EOFException) {
      return "the compressed data ends early (" + t.getMessage() + ")";
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  public static ReadOptions xesOptions(ReadOptions o) {
    String activity = o.activityColumn().equals(ReadOptions.ACTIVITY_COLUMN_DEFAULT) ? "concept:name" : o.activityColumn();
    String time = o.timestampColumn().equals(ReadOptions.TIMESTAMP_COLUMN_DEFAULT) ? "time:timestamp" : o.timestampColumn();
    return new ReadOptions(o.caseColumn(), activity, time, o.customerColumn(), o.channelColumn(), o.ownerColumn(),
        o.assistedColumn(), o.assistedChannels(), o.lifecycle(), o.zone(), o.delimiter(), o.timestampFormat(),
        o.attributeColumns());
  }

  private static Row toRow(InputFile file, IngestRecord r) {
    return toRow(file, file.source(), r, null);
  }

  private static Row toRow(InputFile file, String source, IngestRecord r, Pseudonymiser pseudonymiser) {
    if (r.isBad()) {
      return RowFactory.create(null, null, null, null, null, null, null, source, file.sourceOrder(), r.seq(),
          null, null, file.path(), r.line(), r.reason(), pseudonymiser == null ? r.raw() : WITHHELD, "bad");
    }
    String customer = pseudonymiser == null ? r.customerId() : pseudonymiser.pseudonym(r.customerId());
    return RowFactory.create(EventIds.ofLog(source, r.seq()), customer, r.caseId(), Micros.toInstant(r.tsMicros()),
        r.touchpoint(), r.channel(), r.owner(), source, file.sourceOrder(), r.seq(), r.assisted(),
        dev.journeys.jobs.io.AttributeMaps.column(r.attributes()),
        file.path(), r.line(), null, null, "ok");
  }

}
