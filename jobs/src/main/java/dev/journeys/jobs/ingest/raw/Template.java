package dev.journeys.jobs.ingest.raw;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A template builds a value from a record's fields: literal text with {@code {Field.Name}} placeholders,
 * e.g. {@code call:{Queue.Name}}. A placeholder may name several fields, the first non-empty one wins
 * ({@code {event,name}}), give a fallback ({@code {Queue.Name|unknown}}), and a {@code lower} or
 * {@code slug} filter ({@code {event|slug}}: "Rate Shown" → "rate_shown").
 */
public final class Template implements Serializable {

  private final String text;
  private final List<Part> parts;

  private record Part(String literal, List<String> fields, String fallback, String filter) implements Serializable {

    String field() {
      return fields == null ? null : String.join(",", fields);
    }
  }

  private Template(String text, List<Part> parts) {
    this.text = text;
    this.parts = List.copyOf(parts);
  }

  /** Parses a template; throws {@link IllegalArgumentException} naming the problem and its position. */
  public static Template parse(String text) {
    List<Part> parts = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int open = text.indexOf('{', i);
      if (open < 0) {
        parts.add(new Part(text.substring(i), null, null, null));
        break;
      }
      if (open > i) {
        parts.add(new Part(text.substring(i, open), null, null, null));
      }
      int close = text.indexOf('}', open);
      if (close < 0) {
        throw new IllegalArgumentException("template '" + text + "': '{' at position " + open + " is never closed");
      }
      String[] pieces = text.substring(open + 1, close).split("\\|", -1);
      String field = pieces[0].trim();
      if (field.isEmpty()) {
        throw new IllegalArgumentException("template '" + text + "': empty placeholder at position " + open);
      }
      String fallback = null;
      String filter = null;
      for (int p = 1; p < pieces.length; p++) {
        String piece = pieces[p].trim();
        if (piece.equals("lower") || piece.equals("slug")) {
          filter = piece;
        } else {
          fallback = piece;
        }
      }
      List<String> fields = java.util.Arrays.stream(field.split(",")).map(String::trim).toList();
      if (fields.stream().anyMatch(String::isEmpty)) {
        throw new IllegalArgumentException("template '" + text + "': empty field name at position " + open);
      }
      parts.add(new Part(null, fields, fallback, filter));
      i = close + 1;
    }
    return new Template(text, parts);
  }

  /** Whether the template is plain text, without placeholders. */
  public boolean isConstant() {
    return parts.stream().allMatch(p -> p.fields() == null);
  }

  /** The fields the template reads. */
  public List<String> fields() {
    return parts.stream().filter(p -> p.fields() != null).flatMap(p -> p.fields().stream()).toList();
  }

  /** The value for {@code record}; throws {@link IllegalArgumentException} naming a missing field without fallback. */
  public String render(FieldRecord record) {
    return render(record, null, null);
  }

  /**
   * As {@link #render(FieldRecord)}, each field's value passing {@code scrubber} (when not null) before its
   * filter, so that what a filter makes of personal data (a slugged e-mail address) is never built;
   * {@code scrubbed[0]} is set when the scrubber changed a value.
   */
  public String render(FieldRecord record, Scrubber scrubber, boolean[] scrubbed) {
    String value = renderOrNull(record, scrubber, scrubbed);
    if (value == null) {
      throw new IllegalArgumentException("field '" + missing(record).field() + "' is missing or empty (template " + text
          + ")");
    }
    return value;
  }

  /**
   * The value for {@code record}, or null when a field without fallback is missing: for templates that are often
   * empty (a record's identity keys), where an exception per record would cost more than the rest of its reading.
   */
  public String renderOrNull(FieldRecord record) {
    return renderOrNull(record, null, null);
  }

  /** The first placeholder without fallback none of whose fields has a value in {@code record}. */
  private Part missing(FieldRecord record) {
    for (Part p : parts) {
      if (p.literal() == null && p.fallback() == null
          && p.fields().stream().allMatch(f -> record.get(f) == null || record.get(f).isBlank())) {
        return p;
      }
    }
    throw new IllegalStateException("template " + text + " is not missing a field");
  }

  /** As {@link #renderOrNull(FieldRecord)}, each field's value passing {@code scrubber} (when not null) first. */
  public String renderOrNull(FieldRecord record, Scrubber scrubber, boolean[] scrubbed) {
    StringBuilder out = new StringBuilder();
    for (Part p : parts) {
      if (p.literal() != null) {
        out.append(p.literal());
        continue;
      }
      String value = null;
      for (String field : p.fields()) {
        String candidate = record.get(field);
        if (candidate != null && !candidate.isBlank()) {
          value = candidate;
          break;
        }
      }
      if (value == null) {
        if (p.fallback() == null) {
          return null;
        }
        value = p.fallback();
      } else if (scrubber != null) {
        String clean = scrubber.scrub(value);
        if (clean != value && scrubbed != null) {
          scrubbed[0] = true;
        }
        value = clean;
      }
      out.append(filter(value.trim(), p.filter()));
    }
    return out.toString();
  }

  private static String filter(String value, String filter) {
    if (filter == null) {
      return value;
    }
    String lower = value.toLowerCase(Locale.ROOT);
    return filter.equals("lower") ? lower : lower.replaceAll("[^\\p{L}\\p{N}]+", "_").replaceAll("^_+|_+$", "");
  }

  @Override
  public String toString() {
    return text;
  }
}
