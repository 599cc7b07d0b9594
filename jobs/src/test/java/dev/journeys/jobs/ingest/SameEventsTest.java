package dev.journeys.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.jobs.support.SparkTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The same log exported as XES and as CSV gives the same events. */
class SameEventsTest {

  static List<String> events(String file, boolean xes) throws IOException {
    List<String> events = new ArrayList<>();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(SparkTest.data(file)))) {
      var reader = xes ? new XesEventReader(in, LogParser.xesOptions(ReadOptions.defaults()))
          : new CsvEventReader(in, ReadOptions.defaults(), file);
      reader.forEachRemaining(r -> {
        assertThat(r.isBad()).as(file + " line " + r.line() + ": " + r.reason()).isFalse();
        events.add(r.caseId() + "|" + r.tsMicros() + "|" + r.touchpoint());
      });
    }
    return events;
  }

  @Test
  void receiptAsXesAndAsCsvGivesTheSameEvents() throws IOException {
    List<String> xes = events("receipt.xes.gz", true);
    List<String> csv = events("receipt.csv.gz", false);
    assertThat(xes).hasSize(8_577);
    assertThat(csv).containsExactlyInAnyOrderElementsOf(xes);
  }
}
