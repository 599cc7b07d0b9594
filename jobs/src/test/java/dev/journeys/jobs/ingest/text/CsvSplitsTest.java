package dev.journeys.jobs.ingest.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CsvSplitsTest {

  /** The records one parser finds reading {@code bytes} from {@code start} to {@code end}, as text with their lines. */
  private static List<String> parse(byte[] bytes, int start, int end, long firstLine) {
    CsvParser parser = new CsvParser(new InputStreamReader(new ByteArrayInputStream(bytes, start, end - start),
        StandardCharsets.UTF_8), ',', firstLine);
    List<String> records = new ArrayList<>();
    for (CsvParser.Record r = parser.next(); r != null; r = parser.next()) {
      records.add(r.line() + ": " + r.fields() + (r.error() == null ? "" : " (" + r.error() + ")"));
    }
    return records;
  }

  private static InputStream from(byte[] bytes, long position) {
    return new ByteArrayInputStream(bytes, (int) position, bytes.length - (int) position);
  }

  /** Splits {@code bytes} as ingest does: speculative scans of every split, then the chain resolved. */
  private static List<CsvSplits.Range> ranges(byte[] bytes, long splitBytes) throws IOException {
    List<CsvSplits.Scan> scans = new ArrayList<>();
    for (long[] s : CsvSplits.splits(bytes.length, splitBytes)) {
      long from = s[0] == 0 ? 0 : s[0] - 1;
      scans.add(CsvSplits.scan(from(bytes, from), from, s[0], s[1], s[0] == 0, ','));
    }
    return CsvSplits.resolve(scans, (recordStart, splitStart, splitEnd) ->
        CsvSplits.scan(from(bytes, recordStart), recordStart, splitStart, splitEnd, true, ','));
  }

  /** Every range parsed on its own, from its first line, gives the whole file's records, lines and all. */
  private static void assertRangesReadAsTheWholeFile(byte[] bytes, long splitBytes) throws IOException {
    List<String> whole = parse(bytes, 0, bytes.length, 1);
    List<CsvSplits.Range> ranges = ranges(bytes, splitBytes);
    List<String> pieced = new ArrayList<>();
    long previousEnd = 0;
    for (CsvSplits.Range r : ranges) {
      if (previousEnd > 0) {
        assertThat(r.start()).as("ranges follow each other").isEqualTo(previousEnd);
      }
      List<String> part = parse(bytes, (int) r.start(), (int) r.end(), r.firstLine());
      assertThat(pieced.size()).as("records before the range at byte " + r.start()).isEqualTo(r.firstRecord());
      pieced.addAll(part);
      previousEnd = r.end();
    }
    assertThat(previousEnd).isEqualTo(bytes.length);
    assertThat(pieced).as("split every " + splitBytes + " bytes").isEqualTo(whole);
  }

  @Test
  void rangesOfAPlainFileGiveTheWholeFilesRecordsLinesAndCounts() throws IOException {
    StringBuilder csv = new StringBuilder("customer_id,timestamp,touchpoint\n");
    for (int i = 0; i < 500; i++) {
      csv.append("c").append(i % 37).append(",2026-03-01T10:").append(i % 60).append(":00Z,web:page_").append(i)
          .append('\n');
    }
    byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
    for (long split : new long[] {1, 7, 64, 1000, 4096, bytes.length, 10L * bytes.length}) {
      assertRangesReadAsTheWholeFile(bytes, split);
    }
  }

  @Test
  void quotedLineBreaksCrlfLoneCrBlankLinesAndACutLastRecordSplitExactly() throws IOException {
    Random random = new Random(5);
    String[] pieces = {"plain", "\"quoted, with comma\"", "\"two\nlines\"", "\"crlf\r\ninside\"", "\"\"", "",
        "\"doubled \"\" quote\"", "mid\"quote", "\"closed\"after", "ünïcødé", "\"\n\n\n\"", "\"\r\""};
    String[] ends = {"\n", "\r\n", "\r", "\n\n"};
    for (int round = 0; round < 40; round++) {
      StringBuilder csv = new StringBuilder(round % 3 == 0 ? "\uFEFF\"a\",b,c\n" : "a,b,c\r\n");
      int records = 20 + random.nextInt(80);
      for (int i = 0; i < records; i++) {
        int fields = 1 + random.nextInt(4);
        for (int f = 0; f < fields; f++) {
          csv.append(f > 0 ? "," : "").append(pieces[random.nextInt(pieces.length)]);
        }
        if (i < records - 1 || random.nextBoolean()) {
          csv.append(ends[random.nextInt(round % 5 == 0 ? ends.length : 2)]);
        }
      }
      if (round % 7 == 0) {
        csv.append("\"never closed,\nstill open");
      }
      byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
      for (long split : new long[] {1, 2, 3, 5, 11, 16, 50, 200, bytes.length / 3 + 1}) {
        assertRangesReadAsTheWholeFile(bytes, split);
      }
    }
  }

  /** The lines {@link java.io.BufferedReader#readLine} reads from {@code bytes} between two offsets, numbered. */
  private static List<String> lines(byte[] bytes, int start, int end, long firstLine) throws IOException {
    java.io.BufferedReader reader = new java.io.BufferedReader(new InputStreamReader(
        new ByteArrayInputStream(bytes, start, end - start), StandardCharsets.UTF_8));
    List<String> lines = new ArrayList<>();
    long line = firstLine;
    for (String text = reader.readLine(); text != null; text = reader.readLine()) {
      lines.add(line++ + ": " + text);
    }
    return lines;
  }

  @Test
  void rangesOfLinesGiveTheWholeFilesLinesWithTheirNumbersWhateverQuotesTheyHold() throws IOException {
    Random random = new Random(11);
    String[] pieces = {"{\"type\":\"track\",\"event\":\"a\"}", "\"", "\"not, closed", "ünïcødé", "", "  ",
        "127.0.0.1 - - [01/Mar/2026:10:00:00 +0000] \"GET /a HTTP/1.1\" 200 5"};
    String[] ends = {"\n", "\r\n", "\r", "\n\n"};
    for (int round = 0; round < 40; round++) {
      StringBuilder text = new StringBuilder(round % 4 == 0 ? "\uFEFF" : "");
      int lines = 10 + random.nextInt(60);
      for (int i = 0; i < lines; i++) {
        text.append(pieces[random.nextInt(pieces.length)]);
        if (i < lines - 1 || random.nextBoolean()) {
          text.append(ends[random.nextInt(round % 5 == 0 ? ends.length : 2)]);
        }
      }
      byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      for (long split : new long[] {1, 2, 3, 7, 16, 50, bytes.length / 3 + 1, 10L * bytes.length}) {
        List<CsvSplits.Scan> scans = new ArrayList<>();
        for (long[] s : CsvSplits.splits(bytes.length, split)) {
          long from = s[0] == 0 ? 0 : s[0] - 1;
          scans.add(CsvSplits.scanLines(from(bytes, from), from, s[0], s[1], s[0] == 0));
        }
        List<CsvSplits.Range> ranges = CsvSplits.resolve(scans, (recordStart, splitStart, splitEnd) ->
            CsvSplits.scanLines(from(bytes, recordStart), recordStart, splitStart, splitEnd, true));
        List<String> pieced = new ArrayList<>();
        long previousEnd = 0;
        for (CsvSplits.Range r : ranges) {
          assertThat(r.start()).as("ranges follow each other").isEqualTo(previousEnd);
          assertThat(r.firstRecord()).as("lines before byte " + r.start()).isEqualTo(pieced.size());
          pieced.addAll(lines(bytes, (int) r.start(), (int) r.end(), r.firstLine()));
          previousEnd = r.end();
        }
        assertThat(previousEnd).isEqualTo(bytes.length);
        assertThat(pieced).as("round " + round + ", split every " + split + " bytes")
            .isEqualTo(lines(bytes, 0, bytes.length, 1));
      }
    }
  }

  @Test
  void aFileOfLoneCarriageReturnsIsScannedAgainFromEachTrueBoundary() throws IOException {
    byte[] bytes = "a,b\rc1,1\rc2,2\rc3,3\r".getBytes(StandardCharsets.UTF_8);
    assertRangesReadAsTheWholeFile(bytes, 4);
    assertThat(ranges(bytes, 4)).extracting(CsvSplits.Range::firstLine).containsExactly(1L, 2L, 3L, 4L);
  }

  @Test
  void onlyOneByteDelimitersThatAreNoQuoteOrLineBreakAllowSplitting() {
    assertThat(CsvSplits.splittable(',')).isTrue();
    assertThat(CsvSplits.splittable('\t')).isTrue();
    assertThat(CsvSplits.splittable('§')).isFalse();
    assertThat(CsvSplits.splittable('"')).isFalse();
  }
}
