package dev.journeys.jobs.ingest.raw;

import dev.journeys.jobs.ingest.text.Lookahead;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads Apache and nginx access logs in the "combined" format
 * ({@code %h %l %u [%t] "%r" %>s %b "%{Referer}i" "%{User-agent}i"}; the "common" format is the same
 * without the last two fields). Fields: {@code client, ident, user, time} (ISO-8601 instant),
 * {@code request, method, path, path_only} (without the query string, which may carry personal data),
 * {@code protocol, status, bytes, referer, user_agent}, {@code client_agent} (client address and user
 * agent: the visitor when there is no cookie), and {@code extra.0}, {@code extra.1}, … for fields a
 * custom format appends (such as a cookie). A quoted field cut off at the end of its line keeps what is
 * there; a line that does not have the layout is quarantined.
 */
public final class AccessLogReader extends Lookahead<FieldRecord> {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

  private final BufferedReader in;
  private long line;

  public AccessLogReader(InputStream in) {
    this(in, 1);
  }

  /** Reads a range of a log that starts at the beginning of line {@code firstLine} of its file. */
  public AccessLogReader(InputStream in, long firstLine) {
    this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    this.line = firstLine - 1;
  }

  @Override
  protected FieldRecord computeNext() {
    while (true) {
      String text;
      try {
        text = in.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (text == null) {
        return null;
      }
      line++;
      if (!text.isBlank()) {
        return parse(text, line);
      }
    }
  }

  static FieldRecord parse(String text, long line) {
    List<String> tokens = new ArrayList<>(9);
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == ' ') {
        i++;
      } else if (c == '"') {
        StringBuilder token = new StringBuilder();
        i++;
        while (i < n && text.charAt(i) != '"') {
          if (text.charAt(i) == '\\' && i + 1 < n) {
            i++;
          }
          token.append(text.charAt(i++));
        }
        i++;
        tokens.add(token.toString());
      } else if (c == '[') {
        int end = text.indexOf(']', i);
        if (end < 0) {
          return FieldRecord.bad(line, text, "no closing ']' after the time");
        }
        tokens.add(text.substring(i + 1, end));
        i = end + 1;
      } else {
        int end = text.indexOf(' ', i);
        end = end < 0 ? n : end;
        tokens.add(text.substring(i, end));
        i = end;
      }
    }
    if (tokens.size() < 7) {
      return FieldRecord.bad(line, text, "expected the combined or common log format, found " + tokens.size() + " fields");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("client", tokens.get(0));
    fields.put("ident", dashToEmpty(tokens.get(1)));
    fields.put("user", dashToEmpty(tokens.get(2)));
    try {
      fields.put("time", OffsetDateTime.parse(tokens.get(3), TIME).toInstant().toString());
    } catch (DateTimeParseException e) {
      return FieldRecord.bad(line, text, "cannot read the time '" + tokens.get(3) + "' (expected e.g. 17/May/2015:10:05:03 +0000)");
    }
    String request = tokens.get(4);
    fields.put("request", request);
    String[] parts = request.split(" ", 3);
    fields.put("method", parts.length == 3 ? parts[0] : "");
    fields.put("path", parts.length == 3 ? parts[1] : "");
    String path = fields.get("path");
    fields.put("path_only", path.indexOf('?') >= 0 ? path.substring(0, path.indexOf('?')) : path);
    fields.put("protocol", parts.length == 3 ? parts[2] : "");
    if (!tokens.get(5).matches("\\d{3}")) {
      return FieldRecord.bad(line, text, "status '" + tokens.get(5) + "' is not a 3-digit HTTP status");
    }
    fields.put("status", tokens.get(5));
    fields.put("bytes", dashToEmpty(tokens.get(6)));
    fields.put("referer", tokens.size() > 7 ? dashToEmpty(tokens.get(7)) : "");
    fields.put("user_agent", tokens.size() > 8 ? dashToEmpty(tokens.get(8)) : "");
    fields.put("client_agent", (tokens.get(0) + " " + fields.get("user_agent")).trim());
    for (int extra = 9; extra < tokens.size(); extra++) {
      String value = dashToEmpty(tokens.get(extra));
      if (!value.isEmpty()) {
        fields.put("extra." + (extra - 9), value);
      }
    }
    return FieldRecord.of(fields, line, text);
  }

  private static String dashToEmpty(String s) {
    return "-".equals(s) ? "" : s;
  }
}
