package dev.journeys.jobs.ingest.raw;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.jobs.support.SparkTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class AccessLogReaderTest {

  @Test
  void readsTheCombinedFormat() {
    FieldRecord r = AccessLogReader.parse("83.149.9.216 - frank [17/May/2015:10:05:03 +0200] "
        + "\"GET /presentations/kibana.png HTTP/1.1\" 200 203023 \"http://semicomplete.com/\" "
        + "\"Mozilla/5.0 \\\"quoted\\\" (Macintosh)\"", 1);
    assertThat(r.isBad()).isFalse();
    assertThat(r.get("client")).isEqualTo("83.149.9.216");
    assertThat(r.get("user")).isEqualTo("frank");
    assertThat(r.get("time")).isEqualTo("2015-05-17T08:05:03Z");
    assertThat(r.get("method")).isEqualTo("GET");
    assertThat(r.get("path")).isEqualTo("/presentations/kibana.png");
    assertThat(r.get("status")).isEqualTo("200");
    assertThat(r.get("referer")).isEqualTo("http://semicomplete.com/");
    assertThat(r.get("user_agent")).isEqualTo("Mozilla/5.0 \"quoted\" (Macintosh)");
  }

  @Test
  void readsTheCommonFormatAndKeepsAUserAgentCutOffAtTheEndOfTheLine() {
    assertThat(AccessLogReader.parse("10.0.0.1 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.0\" 304 -", 1)
        .get("bytes")).isEmpty();
    assertThat(AccessLogReader.parse("10.0.0.1 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.0\" 200 5 \"-\" "
        + "\"Mozilla/5.0 (compatible; Googlebot/2.1", 1).get("user_agent"))
        .isEqualTo("Mozilla/5.0 (compatible; Googlebot/2.1");
  }

  @Test
  void quarantinesLinesWithoutTheLayoutNamingWhy() {
    assertThat(AccessLogReader.parse("garbage line", 7).error()).startsWith("expected the combined or common log format");
    assertThat(AccessLogReader.parse("1.2.3.4 - - [yesterday] \"GET / HTTP/1.1\" 200 1", 8).error())
        .isEqualTo("cannot read the time 'yesterday' (expected e.g. 17/May/2015:10:05:03 +0000)");
    assertThat(AccessLogReader.parse("1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" OK 1", 9).error())
        .isEqualTo("status 'OK' is not a 3-digit HTTP status");
  }

  @Test
  void readsTheRealLogWithoutLoss() throws IOException {
    List<FieldRecord> records = new ArrayList<>();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(SparkTest.data("apache_access_combined.log.gz")))) {
      new AccessLogReader(in).forEachRemaining(records::add);
    }
    assertThat(records).hasSize(10_000);
    assertThat(records).filteredOn(FieldRecord::isBad).allSatisfy(r -> assertThat(r.error()).isNotBlank());
    assertThat(records).filteredOn(r -> !r.isBad()).hasSizeGreaterThan(9_990)
        .allSatisfy(r -> assertThat(r.get("time")).startsWith("2015-05-"));
    assertThat(records).extracting(FieldRecord::line).doesNotHaveDuplicates();
  }
}
