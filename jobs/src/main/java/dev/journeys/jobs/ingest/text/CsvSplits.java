package dev.journeys.jobs.ingest.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts an uncompressed CSV file into byte ranges that start and end on record boundaries, so that each
 * range can be parsed by its own task, and tells each range the line its first record starts on and how
 * many records come before it: quarantine names the same lines, and events get the same sequence numbers,
 * as when one task reads the whole file.
 *
 * <p>A quoted field may hold line breaks, so a line break at a guessed position need not end a record. Each
 * split is therefore scanned speculatively (<a href="https://doi.org/10.1145/3299869.3319898">Ge et al.,
 * "Speculative distributed CSV data parsing", SIGMOD 2019</a>): from just after the first line feed at or
 * after its start, with {@link CsvParser}'s own rules (quotes open only at the start of a field, doubled
 * quotes, CRLF, LF and lone CR end a record), to the first record that starts at or after its end. The guess
 * of split {@code k} is right when split {@code k - 1}, scanned from a right start, ends exactly there; the
 * first split starts at byte 0, so the chain is checked from the left. A split whose guess was wrong is
 * scanned again from its predecessor's end ({@link #resolve}), which is rare: it takes a quoted line break
 * right after a split's start, or a file whose lines end with CR alone.
 *
 * <p>The scan works on bytes: in UTF-8 the quote, the delimiter, CR and LF are single bytes that no other
 * character's encoding contains, so a delimiter must be ASCII ({@link #splittable}).
 */
public final class CsvSplits {

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private CsvSplits() {}

  /** Whether files read with {@code delimiter} can be cut: the delimiter must be one byte in UTF-8. */
  public static boolean splittable(char delimiter) {
    return delimiter < 0x80 && delimiter != '"' && delimiter != '\r' && delimiter != '\n';
  }

  /**
   * One range of a file to parse: bytes {@code [start, end)}, the first record's line (1-based) and its index
   * among the file's records (0: the header).
   */
  public record Range(long start, long end, long firstLine, long firstRecord) implements Serializable {}

  /**
   * What the scan of one split found: where its first record was guessed to start ({@code start}), where the
   * first record at or after the split's end starts ({@code end}, or the file's length), and how many records
   * and line breaks lie between.
   */
  public record Scan(long splitStart, long splitEnd, long start, long end, long records, long lines)
      implements Serializable {}

  /** The splits of a file of {@code length} bytes into pieces of about {@code splitBytes}, as [start, end) pairs. */
  public static List<long[]> splits(long length, long splitBytes) {
    List<long[]> splits = new ArrayList<>();
    long n = Math.max(1, (length + splitBytes - 1) / splitBytes);
    for (long k = 0; k < n; k++) {
      splits.add(new long[] {length * k / n, length * (k + 1) / n});
    }
    return splits;
  }

  /**
   * Scans the split {@code [splitStart, splitEnd)} of a file: {@code in} must be positioned at
   * {@code from} ({@code splitStart}, or a known record start when {@code fromRecordStart}). Without a known
   * start, the first record is guessed to begin after the first line feed at or after {@code splitStart - 1}
   * ({@code in} is then positioned at {@code splitStart - 1}, and {@code from} is that).
   */
  public static Scan scan(InputStream in, long from, long splitStart, long splitEnd, boolean fromRecordStart,
      char delimiter) throws IOException {
    return scan(in, from, splitStart, splitEnd, fromRecordStart, delimiter, true);
  }

  /**
   * As {@link #scan}, for text whose records are its lines (JSON lines, access logs): no quotes, and a line ends
   * where {@link java.io.BufferedReader#readLine} ends it (LF, CRLF or a lone CR). Records are lines, blank ones
   * too; a byte order mark is left to the reader of the first range.
   */
  public static Scan scanLines(InputStream in, long from, long splitStart, long splitEnd, boolean fromRecordStart)
      throws IOException {
    return scan(in, from, splitStart, splitEnd, fromRecordStart, ',', false);
  }

  private static Scan scan(InputStream in, long from, long splitStart, long splitEnd, boolean fromRecordStart,
      char delimiter, boolean quotes) throws IOException {
    Bytes bytes = new Bytes(in, from);
    if (quotes && fromRecordStart && from == 0) {
      bytes.skipBom();
    }
    if (!fromRecordStart) {
      int c;
      while ((c = bytes.read()) != -1 && c != '\n') {
        // Up to the first line feed: the guessed end of a record.
      }
    }
    long start = bytes.position;
    long records = 0;
    long lines = 0;
    byte delim = (byte) delimiter;
    while (bytes.position < splitEnd) {
      int c = bytes.read();
      if (c == -1) {
        break;
      }
      records++;
      boolean quoted = false;
      // Whether the field so far is empty. (CsvParser also remembers that a field was quoted, so that a quote after
      // a closed quoted field is text; here that cannot arise: the character after a closing quote is never one.)
      boolean empty = true;
      while (c != -1) {
        if (quoted) {
          if (c == '"') {
            int d = bytes.read();
            if (d != '"') {
              quoted = false;
              c = d;
              continue;
            }
            empty = false;
          } else {
            if (c == '\n') {
              lines++;
            }
            empty = false;
          }
        } else if (c == '"' && empty && quotes) {
          quoted = true;
        } else if (c == delim) {
          empty = true;
        } else if (c == '\r') {
          int d = bytes.read();
          if (d != '\n') {
            bytes.unread(d);
          }
          lines++;
          break;
        } else if (c == '\n') {
          lines++;
          break;
        } else {
          empty = false;
        }
        c = bytes.read();
      }
    }
    return new Scan(splitStart, splitEnd, start, bytes.position, records, lines);
  }

  /** Scans a split again from a known record start (see {@link #scan}). */
  public interface Rescan {
    Scan from(long recordStart, long splitStart, long splitEnd) throws IOException;
  }

  /**
   * Chains the scans of a file's splits, in order, into ranges: a scan whose guessed start is not where its
   * predecessor ended is scanned again from there ({@code rescan}). Empty ranges are left out.
   */
  public static List<Range> resolve(List<Scan> scans, Rescan rescan) throws IOException {
    List<Range> ranges = new ArrayList<>();
    long records = 0;
    long line = 1;
    long previousEnd = 0;
    for (int k = 0; k < scans.size(); k++) {
      Scan s = scans.get(k);
      if (k > 0 && s.start() != previousEnd) {
        s = previousEnd >= s.splitEnd() ? new Scan(s.splitStart(), s.splitEnd(), previousEnd, previousEnd, 0, 0)
            : rescan.from(previousEnd, s.splitStart(), s.splitEnd());
      }
      if (s.end() > s.start()) {
        ranges.add(new Range(s.start(), s.end(), line, records));
      }
      records += s.records();
      line += s.lines();
      previousEnd = s.end();
    }
    return ranges;
  }

  /** A byte source with its position, a step back of one and a BOM check, over a plain buffer. */
  private static final class Bytes {
    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int index;
    private int limit;
    private long position;

    Bytes(InputStream in, long position) {
      this.in = in;
      this.position = position;
    }

    int read() throws IOException {
      if (index == limit) {
        int n;
        do {
          n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
          return -1;
        }
        index = 0;
        limit = n;
      }
      position++;
      return buffer[index++] & 0xFF;
    }

    /** Steps back over {@code c}, the byte just read: it is still in the buffer. At the end, nothing to undo. */
    void unread(int c) {
      if (c != -1) {
        index--;
        position--;
      }
    }

    /** Steps over a UTF-8 byte order mark at the current position, if there is one. */
    void skipBom() throws IOException {
      while (limit - index < BOM.length) {
        if (index > 0) {
          System.arraycopy(buffer, index, buffer, 0, limit - index);
          limit -= index;
          index = 0;
        }
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
          return;
        }
        limit += n;
      }
      if (buffer[index] == BOM[0] && buffer[index + 1] == BOM[1] && buffer[index + 2] == BOM[2]) {
        index += BOM.length;
        position += BOM.length;
      }
    }
  }
}
