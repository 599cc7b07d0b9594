package dev.journeys.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvEventReaderTest {

  static List<IngestRecord> read(String csv, ReadOptions options) {
    CsvEventReader reader = new CsvEventReader(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), options,
        "test.csv");
    List<IngestRecord> records = new ArrayList<>();
    reader.forEachRemaining(records::add);
    return records;
  }

  @Test
  void readsQuotedFieldsWithDelimitersQuotesAndLineBreaks() {
    List<IngestRecord> records = read("""
        case_id,activity,timestamp,note\r
        c1,"web:view, rates",2026-03-01T09:00:00Z,"say ""hi""\"\r
        c1,web:apply,2026-03-01T09:05:00Z,"two
        lines"\r
        c2,phone:call,2026-03-01 10:00:00+01:00,x\r
        """, ReadOptions.defaults());

    assertThat(records).extracting(IngestRecord::touchpoint).containsExactly("web:view, rates", "web:apply", "phone:call");
    assertThat(records).extracting(IngestRecord::line).containsExactly(2L, 3L, 5L);
    assertThat(records.get(2).tsMicros()).isEqualTo(1772355600L * 1_000_000L);
    assertThat(records.get(2).assisted()).isTrue();
    assertThat(records.get(0).channel()).isEqualTo("web");
  }

  @Test
  void quarantinesUnreadableRowsWithLineAndReason() {
    List<IngestRecord> records = read("""
        case_id,activity,timestamp
        c1,web:a,2026-03-01T09:00:00Z
        c1,web:b,yesterday
        ,web:c,2026-03-01T09:00:00Z
        c1,web:d
        c1,,2026-03-01T09:00:00Z
        """, ReadOptions.defaults());

    assertThat(records).filteredOn(IngestRecord::isBad)
        .extracting(IngestRecord::line, IngestRecord::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(3L, "timestamp: cannot read timestamp 'yesterday' (expected ISO-8601 "
                + "such as 2026-03-01T09:00:00Z or 2026-03-01 09:00:00+01:00, or epoch seconds or milliseconds)"),
            org.assertj.core.groups.Tuple.tuple(4L, "empty case_id"),
            org.assertj.core.groups.Tuple.tuple(5L, "expected 3 fields as in the header, found 2"),
            org.assertj.core.groups.Tuple.tuple(6L, "empty activity"));
    assertThat(records.get(1).raw()).isEqualTo("c1,web:b,yesterday");
  }

  @Test
  void namesTheMissingColumnAndTheHeader() {
    assertThatThrownBy(() -> read("case,activity,time\nc1,a,2026-03-01\n", ReadOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Cannot read test.csv")
        .hasMessageContaining("'case_id'")
        .hasMessageContaining("'timestamp'")
        .hasMessageContaining("the header has: case, activity, time");
  }

  @Test
  void fallsBackToPm4pyColumnNames() {
    List<IngestRecord> records = read("""
        case:concept:name,concept:name,time:timestamp
        3,register request,2010-12-30 14:32:00+01:00
        """, ReadOptions.defaults());
    assertThat(records).singleElement().satisfies(r -> {
      assertThat(r.caseId()).isEqualTo("3");
      assertThat(r.touchpoint()).isEqualTo("register request");
      assertThat(r.channel()).isNull();
    });
  }

  @Test
  void suggestsTheDelimiterWhenTheHeaderIsOneField() {
    assertThatThrownBy(() -> read("case_id;activity;timestamp\nc1;a;2026-03-01\n", ReadOptions.defaults()))
        .hasMessageEndingWith("(the header looks ';'-separated: try --delimiter ';')");
  }

  @Test
  void aColumnNamedTwiceInTheHeaderIsAnError() {
    assertThatThrownBy(() -> read("case_id,activity,timestamp,activity\nc1,a,2026-03-01T09:00:00Z,b\n",
        ReadOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("column 'activity' appears more than once in the header");
  }

  @Test
  void aHugeHeaderIsShownShortenedInTheError() {
    String huge = "x".repeat(5_000_000);
    assertThatThrownBy(() -> read(huge + "\n1\n", ReadOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(5000000 characters)")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(500));
    String wide = String.join(",", java.util.stream.IntStream.range(0, 10_000).mapToObj(i -> "c" + i).toList());
    assertThatThrownBy(() -> read(wide + "\n", ReadOptions.defaults()))
        .hasMessageContaining("and 9970 more")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(1_000));
  }

  @Test
  void malformedUtf8IsReadAsReplacementCharactersAndCounted() {
    byte[] bytes = "case_id,activity,timestamp\nc1,web:caf\u00e9,2026-03-01T09:00:00Z\n"
        .getBytes(StandardCharsets.ISO_8859_1);
    CsvEventReader reader = new CsvEventReader(new ByteArrayInputStream(bytes), ReadOptions.defaults(), "test.csv");
    List<IngestRecord> records = new ArrayList<>();
    reader.forEachRemaining(records::add);
    assertThat(reader.invalidUtf8()).isEqualTo(1);
    assertThat(records).singleElement().satisfies(r -> assertThat(r.reason()).isEqualTo(
        "invalid UTF-8 in activity (is the file UTF-8?)"));
  }
}
