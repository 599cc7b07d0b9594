package dev.journeys.jobs.ingest;

import dev.journeys.jobs.ingest.text.CsvParser;
import dev.journeys.jobs.ingest.text.Flags;
import dev.journeys.jobs.ingest.text.Lookahead;
import dev.journeys.jobs.ingest.text.Timestamps;
import dev.journeys.jobs.ingest.text.Utf8Counter;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CSV event log with a header row: each data row becomes an event, or a quarantined row
 * when its field count, time, case or activity cannot be read.
 */
public final class CsvEventReader extends Lookahead<IngestRecord> {

  private final CsvParser parser;
  private final Utf8Counter bytes;
  private final ReadOptions options;
  private final ColumnIndexes columns;
  private final java.time.format.DateTimeFormatter format;
  private long seq;
  private final List<String> header;

  /** Column positions found in the header; {@link #missing} names the columns the options ask for but the header lacks. */
  record ColumnIndexes(int fields, int caseId, int activity, int timestamp, int customer, int channel, int owner,
      int assisted, List<String> missing, List<String> header, int[] attributes) {}

  public CsvEventReader(InputStream in, ReadOptions options, String file) {
    this(in, options, file, null, 1, 0);
  }

  /**
   * A reader of a range of a file that does not start with the header: its first record starts on line
   * {@code firstLine} and is the file's record number {@code firstSeq} after the header; {@code header} is the
   * file's (null: the range starts the file, with the header).
   */
  public CsvEventReader(InputStream in, ReadOptions options, String file, List<String> header, long firstLine,
      long firstSeq) {
    this.bytes = new Utf8Counter(in);
    this.parser = new CsvParser(
        new java.io.InputStreamReader(bytes, java.nio.charset.StandardCharsets.UTF_8), options.delimiter(), firstLine);
    this.options = options;
    this.format = options.timestampFormat() == null ? null : Timestamps.formatter(options.timestampFormat());
    this.seq = firstSeq;
    List<String> names = header;
    if (names == null) {
      CsvParser.Record first = parser.next();
      if (first == null) {
        throw new IllegalArgumentException("Cannot read " + file + ": the file is empty (expected a header row)");
      }
      names = first.fields();
    }
    this.header = List.copyOf(names);
    this.columns = indexes(names, options);
    if (!columns.missing().isEmpty()) {
      throw new IllegalArgumentException("Cannot read " + file + ": column" + (columns.missing().size() > 1 ? "s " : " ")
          + String.join(", ", columns.missing().stream().map(c -> "'" + c + "'").toList())
          + " not found; the header has: " + shown(names) + delimiterHint(names));
    }
    List<String> twice = duplicated(columns);
    if (!twice.isEmpty()) {
      throw new IllegalArgumentException("Cannot read " + file + ": column" + (twice.size() > 1 ? "s " : " ")
          + String.join(", ", twice) + " appear" + (twice.size() > 1 ? "" : "s") + " more than once in the header, "
          + "so which to read is unclear; rename the copies");
    }
  }

  /** The header's fields as read. */
  public List<String> header() {
    return header;
  }

  /** The header as an error shows it: at most 30 names of at most 40 characters, and how many more. */
  static String shown(List<String> header) {
    List<String> names = new ArrayList<>();
    for (String h : header.subList(0, Math.min(30, header.size()))) {
      String t = h.trim();
      names.add(t.length() > 40 ? t.substring(0, 40) + "… (" + t.length() + " characters)" : t);
    }
    return String.join(", ", names) + (header.size() > 30 ? " and " + (header.size() - 30) + " more" : "");
  }

  /** The columns this reader reads that the header names more than once, quoted. */
  private static List<String> duplicated(ColumnIndexes columns) {
    List<String> twice = new ArrayList<>();
    for (int i : new int[] {columns.caseId(), columns.activity(), columns.timestamp(), columns.customer(),
        columns.channel(), columns.owner(), columns.assisted()}) {
      if (i >= 0) {
        String name = columns.header().get(i);
        String quoted = "'" + name + "'";
        if (columns.header().lastIndexOf(name) != i && !twice.contains(quoted)) {
          twice.add(quoted);
        }
      }
    }
    return twice;
  }

  /** When the header is one field that holds another usual delimiter, says which option to try. */
  private static String delimiterHint(List<String> header) {
    if (header.size() == 1) {
      for (String d : new String[] {";", "\t", "|"}) {
        if (header.get(0).contains(d)) {
          return " (the header looks " + (d.equals("\t") ? "tab" : "'" + d + "'") + "-separated: try --delimiter "
              + (d.equals("\t") ? "$'\\t'" : "'" + d + "'") + ")";
        }
      }
    }
    return "";
  }

  static ColumnIndexes indexes(List<String> header, ReadOptions options) {
    List<String> names = new ArrayList<>();
    for (String h : header) {
      names.add(h.trim());
    }
    List<String> missing = new ArrayList<>();
    int caseId = find(names, fallback(names, options.caseColumn(), ReadOptions.CASE_COLUMN_DEFAULT, "case:concept:name"),
        options.customerColumn() == null, missing);
    int activity = find(names, fallback(names, options.activityColumn(), ReadOptions.ACTIVITY_COLUMN_DEFAULT,
        "concept:name"), true, missing);
    int timestamp = find(names, fallback(names, options.timestampColumn(), ReadOptions.TIMESTAMP_COLUMN_DEFAULT,
        "time:timestamp"), true, missing);
    int customer = find(names, options.customerColumn(), true, missing);
    int channel = find(names, options.channelColumn(), true, missing);
    int owner = find(names, options.ownerColumn(), true, missing);
    int assisted = find(names, options.assistedColumn(), true, missing);
    int[] attributes = new int[options.attributeColumns().size()];
    for (int i = 0; i < attributes.length; i++) {
      attributes[i] = find(names, options.attributeColumns().get(i), true, missing);
    }
    return new ColumnIndexes(names.size(), caseId, activity, timestamp, customer, channel, owner, assisted, missing,
        names, attributes);
  }

  /** A default column that the header lacks falls back to the name pm4py and XES exports use. */
  private static String fallback(List<String> names, String column, String defaultName, String xesName) {
    return column.equals(defaultName) && !names.contains(column) && names.contains(xesName) ? xesName : column;
  }

  private static int find(List<String> names, String column, boolean required, List<String> missing) {
    if (column == null) {
      return -1;
    }
    int index = names.indexOf(column);
    if (index < 0 && required) {
      missing.add(column);
    }
    return index;
  }

  /** Malformed UTF-8 sequences read so far (each read as U+FFFD). */
  public long invalidUtf8() {
    return bytes.malformed();
  }

  @Override
  protected IngestRecord computeNext() {
    CsvParser.Record record = parser.next();
    if (record == null) {
      return null;
    }
    IngestRecord r = toRecord(record, seq++);
    if (parser.lastRecordUnterminated() && r.isBad()
        && !(record.fields().size() == 1 && record.fields().get(0).isBlank())) {
      // The last record ends with the file, not a line break, and cannot be read: the file was cut inside it.
      throw new InputBreak(record.line(), "the file ends inside the record on line " + record.line() + " ("
          + (record.error() != null ? record.error()
              : record.fields().size() < columns.fields() ? record.fields().size() + " of " + columns.fields() + " fields"
              : r.reason()) + ")");
    }
    // Malformed sequences are counted as the bytes are read, ahead of the records; a key field that holds
    // U+FFFD in a file that had any is taken to hold one.
    if (!r.isBad() && bytes.malformed() > 0) {
      String key = invalidKey(record.fields());
      if (key != null) {
        return IngestRecord.bad(r.seq(), record.line(), "invalid UTF-8 in " + key + " (is the file UTF-8?)",
            record.raw());
      }
    }
    return r;
  }

  /** The key column (customer, case, activity, time) that holds a replaced malformed sequence, or null. */
  private String invalidKey(List<String> f) {
    int[] keys = {columns.customer(), columns.caseId(), columns.activity(), columns.timestamp()};
    String[] names = {options.customerColumn(), options.caseColumn(), options.activityColumn(), options.timestampColumn()};
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] >= 0 && f.get(keys[i]).indexOf('\uFFFD') >= 0) {
        return names[i];
      }
    }
    return null;
  }

  private IngestRecord toRecord(CsvParser.Record record, long seq) {
    List<String> f = record.fields();
    if (record.error() != null) {
      return IngestRecord.bad(seq, record.line(), record.error(), record.raw());
    }
    if (f.size() != columns.fields()) {
      if (f.size() == 1 && f.get(0).isBlank()) {
        return IngestRecord.bad(seq, record.line(), "empty line", record.raw());
      }
      return IngestRecord.bad(seq, record.line(),
          "expected " + columns.fields() + " fields as in the header, found " + f.size(), record.raw());
    }
    String caseId = columns.caseId() >= 0 ? f.get(columns.caseId()).trim() : null;
    String customer = columns.customer() >= 0 ? f.get(columns.customer()).trim() : caseId;
    String activity = f.get(columns.activity()).trim();
    if (customer == null || customer.isEmpty()) {
      String column = columns.customer() >= 0 ? options.customerColumn() : options.caseColumn();
      return IngestRecord.bad(seq, record.line(), "empty " + column, record.raw());
    }
    if (caseId != null && caseId.isEmpty()) {
      return IngestRecord.bad(seq, record.line(), "empty " + options.caseColumn(), record.raw());
    }
    if (activity.isEmpty()) {
      return IngestRecord.bad(seq, record.line(), "empty " + options.activityColumn(), record.raw());
    }
    long ts;
    try {
      ts = Timestamps.parseMicros(f.get(columns.timestamp()), options.zone(), format);
    } catch (IllegalArgumentException e) {
      return IngestRecord.bad(seq, record.line(), options.timestampColumn() + ": " + e.getMessage(), record.raw());
    }
    String channel = columns.channel() >= 0 ? emptyToNull(f.get(columns.channel()))
        : dev.journeys.model.event.Touchpoint.channelOf(activity);
    String owner = columns.owner() >= 0 ? emptyToNull(f.get(columns.owner())) : null;
    boolean assisted;
    if (columns.assisted() >= 0) {
      Boolean value = Flags.parse(f.get(columns.assisted()));
      if (value == null) {
        return IngestRecord.bad(seq, record.line(), options.assistedColumn() + ": cannot read '"
            + f.get(columns.assisted()) + "' as true/false", record.raw());
      }
      assisted = value;
    } else {
      assisted = options.isAssistedChannel(channel);
    }
    java.util.Map<String, String> attributes = null;
    if (columns.attributes().length > 0) {
      List<String> values = new ArrayList<>(columns.attributes().length);
      for (int i : columns.attributes()) {
        values.add(f.get(i));
      }
      attributes = IngestRecord.attributes(options.attributeColumns(), values);
    }
    return IngestRecord.event(customer, caseId, ts, activity, channel, owner, assisted, seq, record.line(), attributes);
  }

  private static String emptyToNull(String s) {
    String t = s.trim();
    return t.isEmpty() ? null : t;
  }
}
