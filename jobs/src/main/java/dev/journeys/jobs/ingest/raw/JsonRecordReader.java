package dev.journeys.jobs.ingest.raw;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads JSON records: JSON lines (one object a line, or several objects run together on a line, as
 * Firehose writes them), or one JSON array of objects. Nested objects are flattened with dots
 * ({@code Queue.Name}), arrays with indexes ({@code References.0.Value}); nulls are left out. A line
 * that is not JSON is quarantined with its line number; in an array, the first error ends the file.
 */
public final class JsonRecordReader implements Iterator<FieldRecord> {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final BufferedReader lines;
  private final ArrayDeque<FieldRecord> ready = new ArrayDeque<>();
  private JsonParser array;
  private long line;
  private boolean done;

  /**
   * Reads JSON lines from a range of a file that starts at the beginning of a line after the first: that line is
   * line {@code firstLine} of the file (a file that is one JSON array is never cut into ranges).
   */
  public static JsonRecordReader lines(InputStream in, long firstLine) {
    return new JsonRecordReader(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16),
        firstLine - 1);
  }

  private JsonRecordReader(BufferedReader lines, long linesBefore) {
    this.lines = lines;
    this.line = linesBefore;
  }

  public JsonRecordReader(InputStream in) {
    PushbackReader reader = new PushbackReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1);
    try {
      int c = reader.read();
      while (c == '\uFEFF' || (c >= 0 && Character.isWhitespace(c))) {
        line += c == '\n' ? 1 : 0;
        c = reader.read();
      }
      if (c >= 0) {
        reader.unread(c);
      }
      BufferedReader buffered = new BufferedReader(reader, 1 << 16);
      if (c == '[') {
        array = MAPPER.getFactory().createParser(buffered);
        array.nextToken();
        lines = null;
      } else {
        lines = buffered;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether JSON text is one array of records (its first character other than white space or a byte order mark is
   * '['), as opposed to JSON lines: only JSON lines can be read in ranges of lines.
   */
  public static boolean isArray(InputStream in) throws IOException {
    int c;
    do {
      c = in.read();
    } while (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xEF || c == 0xBB || c == 0xBF);
    return c == '[';
  }

  @Override
  public boolean hasNext() {
    while (ready.isEmpty() && !done) {
      if (array != null) {
        readArrayElement();
      } else {
        readLine();
      }
    }
    return !ready.isEmpty();
  }

  @Override
  public FieldRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return ready.poll();
  }

  private void readLine() {
    String text;
    try {
      text = lines.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (text == null) {
      done = true;
      return;
    }
    line++;
    if (text.isBlank()) {
      return;
    }
    try (MappingIterator<JsonNode> values = MAPPER.readerFor(JsonNode.class).readValues(text)) {
      while (values.hasNextValue()) {
        add(values.nextValue(), line, text);
      }
    } catch (JsonProcessingException e) {
      ready.add(FieldRecord.bad(line, text, "malformed JSON: " + e.getOriginalMessage()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void readArrayElement() {
    try {
      JsonToken token = array.nextToken();
      if (token == null || token == JsonToken.END_ARRAY) {
        done = true;
        return;
      }
      long at = line + array.currentLocation().getLineNr();
      JsonNode node = MAPPER.readTree(array);
      add(node, at, node.toString());
    } catch (JsonProcessingException e) {
      long at = line + (e.getLocation() == null ? 0 : e.getLocation().getLineNr());
      ready.add(FieldRecord.bad(at, "", "malformed JSON, rest of file not read: " + e.getOriginalMessage()));
      done = true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void add(JsonNode node, long at, String raw) {
    if (!node.isObject()) {
      ready.add(FieldRecord.bad(at, raw, "expected a JSON object, found " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
      return;
    }
    Map<String, String> fields = new LinkedHashMap<>();
    flatten("", node, fields);
    ready.add(FieldRecord.of(fields, at, raw));
  }

  static void flatten(String prefix, JsonNode node, Map<String, String> into) {
    if (node.isObject()) {
      node.properties().forEach(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), into));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        flatten(prefix + "." + i, node.get(i), into);
      }
    } else if (!node.isNull() && !node.isMissingNode()) {
      into.put(prefix, node.asText());
    }
  }
}
