package dev.journeys.jobs.ingest.text;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 4180 parser that streams records and remembers where each began: quoted fields may hold
 * delimiters, doubled quotes and line breaks; CRLF and LF both end a record. It buffers what it reads itself
 * (a {@link java.io.BufferedReader} would take a lock per character).
 */
public final class CsvParser {

  /** One record: its fields, the line it starts on (1-based) and its raw text. */
  public record Record(List<String> fields, long line, String raw, String error) {}

  private static final int RAW_LIMIT = 4096;

  private final Reader in;
  private final char[] buffer = new char[1 << 16];
  private int position;
  private int limit;
  private final char delimiter;
  private long line;
  private boolean unterminated;

  public CsvParser(Reader in, char delimiter) {
    this(in, delimiter, 1);
  }

  /** A parser of text whose first record starts on line {@code firstLine} of its file (a range of it). */
  public CsvParser(Reader in, char delimiter, long firstLine) {
    this.in = in;
    this.delimiter = delimiter;
    this.line = firstLine;
  }

  /** The next record, or null at the end of input. */
  public Record next() {
    int c = read();
    if (c == -1) {
      return null;
    }
    if (line == 1 && c == '\uFEFF') {
      c = read();
    }
    long startLine = line;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    StringBuilder raw = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    String error = null;
    unterminated = false;
    while (true) {
      if (c == -1) {
        unterminated = true;
        if (quoted) {
          error = "unterminated quoted field at end of file";
        }
        break;
      }
      if (raw.length() < RAW_LIMIT) {
        raw.append((char) c);
      }
      if (quoted) {
        if (c == '"') {
          int d = read();
          if (d == '"') {
            field.append('"');
            appendRaw(raw, '"');
          } else {
            quoted = false;
            c = d;
            continue;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          field.append((char) c);
        }
      } else if (c == '"' && field.length() == 0 && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
      } else if (c == delimiter) {
        fields.add(field.toString());
        field.setLength(0);
        wasQuoted = false;
      } else if (c == '\r') {
        int d = read();
        if (d != '\n') {
          unread(d);
        }
        line++;
        stripLast(raw);
        break;
      } else if (c == '\n') {
        line++;
        stripLast(raw);
        break;
      } else {
        if (wasQuoted && error == null) {
          error = "text after the closing quote of a field";
        }
        field.append((char) c);
      }
      c = read();
    }
    fields.add(field.toString());
    return new Record(fields, startLine, raw.toString(), error);
  }

  /** Whether the record {@link #next} returned last ended with the input rather than a line break. */
  public boolean lastRecordUnterminated() {
    return unterminated;
  }

  private static void appendRaw(StringBuilder raw, char c) {
    if (raw.length() < RAW_LIMIT) {
      raw.append(c);
    }
  }

  private static void stripLast(StringBuilder raw) {
    if (raw.length() > 0 && raw.length() < RAW_LIMIT) {
      raw.setLength(raw.length() - 1);
    }
  }

  private int read() {
    if (position == limit) {
      try {
        int n;
        do {
          n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
          return -1;
        }
        limit = n;
        position = 0;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return buffer[position++];
  }

  /** Steps back over {@code c}, the character just read: it is still in the buffer. At the end, nothing to undo. */
  private void unread(int c) {
    if (c != -1) {
      position--;
    }
  }
}
