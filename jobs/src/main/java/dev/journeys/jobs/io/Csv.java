package dev.journeys.jobs.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes RFC 4180 CSV in UTF-8: comma-separated, CRLF line ends, fields quoted when they need it. */
public final class Csv implements AutoCloseable {

  private final Writer out;

  private Csv(Writer out) {
    this.out = out;
  }

  public static Csv create(Path file, List<String> header) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Csv csv = new Csv(new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8)));
      csv.row(header);
      return csv;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes one row; nulls become empty fields, doubles print in full precision. */
  public void row(List<?> values) {
    try {
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          out.write(',');
        }
        out.write(field(values.get(i)));
      }
      out.write("\r\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String field(Object value) {
    if (value == null) {
      return "";
    }
    String s;
    if (value instanceof Double d) {
      s = d.isNaN() ? "" : (d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : Double.toString(d));
    } else {
      s = value.toString();
    }
    boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
    return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
