package dev.journeys.jobs.ingest.raw;

import java.util.Map;

/**
 * A field record is one record of a raw source as named fields (nested fields flattened with dots,
 * e.g. {@code Queue.Name}), with the line it starts on and its raw text; or, when it cannot be read,
 * the reason instead of fields.
 */
public record FieldRecord(Map<String, String> fields, long line, String raw, String error) {

  public static FieldRecord of(Map<String, String> fields, long line, String raw) {
    return new FieldRecord(Map.copyOf(fields), line, raw, null);
  }

  public static FieldRecord bad(long line, String raw, String error) {
    return new FieldRecord(Map.of(), line, raw, error);
  }

  public boolean isBad() {
    return error != null;
  }

  /** The field's value, or null when the record has no such field. */
  public String get(String name) {
    return fields.get(name);
  }
}
