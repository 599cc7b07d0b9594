package dev.journeys.jobs.ingest;

import java.io.Serializable;
import java.util.Locale;

/**
 * A file that could not be read to its end: where reading stopped (line, rows read, bytes of the file read
 * against its size, counted before decompression) and why. When reading stopped before the last byte, the
 * unread share of the file gives a rough count of the rows lost; when every byte was read, the file itself
 * ends early (a truncated copy or download) and what is missing cannot be told.
 */
public record Break(String file, long line, long rowsRead, long bytesRead, long size, boolean gzipped, String cause)
    implements Serializable {

  public static Break of(String file, long line, long rowsRead, long bytesRead, long size, boolean gzipped,
      String cause) {
    return new Break(display(file), line, rowsRead, bytesRead, size, gzipped, cause);
  }

  /** A file's path as people write it: a local file without its {@code file:} scheme. */
  public static String display(String path) {
    return path.startsWith("file:") ? path.substring("file:".length()) : path;
  }

  /** Whether every byte of the file was read: it ends early, and how much is missing is unknown. */
  public boolean endsEarly() {
    return bytesRead >= size;
  }

  /** Rows after the break, estimated from the unread share of the file; 0 when the file ends early. */
  public long estimatedUnreadRows() {
    if (endsEarly() || bytesRead <= 0) {
      return endsEarly() ? 0 : rowsRead == 0 ? 1 : rowsRead;
    }
    return Math.max(1, Math.round((double) rowsRead * (size - bytesRead) / bytesRead));
  }

  /** The reason a quarantined row gives, and the run's error. */
  public String describe() {
    String where = String.format(Locale.ROOT, "after %,d rows", rowsRead);
    if (endsEarly()) {
      return "the file ends early " + where + ": " + cause + "; the rest of it is missing (a truncated copy or "
          + "download?)";
    }
    return String.format(Locale.ROOT, "reading stopped %s, at byte %,d of %,d%s: %s; about %,d more rows (%.0f%% of "
        + "the file) not read", where, bytesRead, size, gzipped ? " (compressed)" : "", cause, estimatedUnreadRows(),
        100.0 * (size - bytesRead) / size);
  }
}
