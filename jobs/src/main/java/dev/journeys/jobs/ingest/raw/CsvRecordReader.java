package dev.journeys.jobs.ingest.raw;

import dev.journeys.jobs.ingest.text.CsvParser;
import dev.journeys.jobs.ingest.text.Lookahead;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a CSV export with a header row (RFC 4180) into field records named by the header. */
public final class CsvRecordReader extends Lookahead<FieldRecord> {

  private final CsvParser parser;
  private final List<String> header;

  public CsvRecordReader(InputStream in, char delimiter) {
    this.parser = new CsvParser(new InputStreamReader(in, StandardCharsets.UTF_8), delimiter);
    CsvParser.Record first = parser.next();
    this.header = first == null ? List.of() : first.fields().stream().map(String::trim).toList();
  }

  /**
   * Reads a range of an export after its header: the range's first record starts on line {@code firstLine} of the
   * file, whose header is {@code header} (as {@link #header} read it).
   */
  public CsvRecordReader(InputStream in, char delimiter, List<String> header, long firstLine) {
    this.parser = new CsvParser(new InputStreamReader(in, StandardCharsets.UTF_8), delimiter, firstLine);
    this.header = List.copyOf(header);
  }

  public List<String> header() {
    return header;
  }

  @Override
  protected FieldRecord computeNext() {
    while (true) {
      CsvParser.Record r = parser.next();
      if (r == null) {
        return null;
      }
      if (r.error() != null) {
        return FieldRecord.bad(r.line(), r.raw(), r.error());
      }
      if (r.fields().size() == 1 && r.fields().get(0).isBlank()) {
        continue;
      }
      if (r.fields().size() != header.size()) {
        return FieldRecord.bad(r.line(), r.raw(),
            "expected " + header.size() + " fields as in the header, found " + r.fields().size());
      }
      Map<String, String> fields = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        String value = r.fields().get(i).trim();
        if (!value.isEmpty()) {
          fields.put(header.get(i), value);
        }
      }
      return FieldRecord.of(fields, r.line(), r.raw());
    }
  }
}
