package dev.journeys.jobs.ingest;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CSV event log with a header row: each data row becomes an event, or a quarantined row
 * when its field count, time, case or activity cannot be read.
 */
public final class CsvEventReader extends Lookahead<IngestRecord> {

  private final CsvParser parser;
  private final ReadOptions options;
  private final ColumnIndexes columns;
  private final java.time.format.DateTimeFormatter format;
  private long seq;

  /** Column positions found in the header; {@link #missing} names the columns the options ask for but the header lacks. */
  record ColumnIndexes(int fields, int caseId, int activity, int timestamp, int customer, int channel, int owner,
      int assisted, List<String> missing, List<String> header) {}

  public CsvEventReader(InputStream in, ReadOptions options, String file) {
    this.parser = new CsvParser(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16),
        options.delimiter());
    this.options = options;
    this.format = options.timestampFormat() == null ? null : Timestamps.formatter(options.timestampFormat());
    CsvParser.Record header = parser.next();
    if (header == null) {
      throw new IllegalArgumentException("Cannot read " + file + ": the file is empty (expected a header row)");
    }
    this.columns = indexes(header.fields(), options);
    if (!columns.missing().isEmpty()) {
      throw new IllegalArgumentException("Cannot read " + file + ": column" + (columns.missing().size() > 1 ? "s " : " ")
          + String.join(", ", columns.missing().stream().map(c -> "'" + c + "'").toList())
          + " not found; the header has: " + String.join(", ", header.fields()) + delimiterHint(header.fields()));
    }
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
    return new ColumnIndexes(names.size(), caseId, activity, timestamp, customer, channel, owner, assisted, missing,
        names);
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

  @Override
  protected IngestRecord computeNext() {
    CsvParser.Record record = parser.next();
    return record == null ? null : toRecord(record, seq++);
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
    return IngestRecord.event(customer, caseId, ts, activity, channel, owner, assisted, seq, record.line());
  }

  private static String emptyToNull(String s) {
    String t = s.trim();
    return t.isEmpty() ? null : t;
  }
}
