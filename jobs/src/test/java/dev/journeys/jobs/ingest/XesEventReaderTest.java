package dev.journeys.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeys.jobs.support.SparkTest;
import dev.journeys.model.event.Micros;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class XesEventReaderTest {

  static List<IngestRecord> read(InputStream in, ReadOptions options) {
    List<IngestRecord> records = new ArrayList<>();
    new XesEventReader(in, LogParser.xesOptions(options)).forEachRemaining(records::add);
    return records;
  }

  static List<IngestRecord> read(String xes, ReadOptions options) {
    return read(new ByteArrayInputStream(xes.getBytes(StandardCharsets.UTF_8)), options);
  }

  @Test
  void readsTheRunningExampleWithOffsetsAsInstants() throws IOException {
    try (InputStream in = Files.newInputStream(SparkTest.data("running-example.xes"))) {
      List<IngestRecord> records = read(in, ReadOptions.defaults());
      assertThat(records).hasSize(42).noneMatch(IngestRecord::isBad);
      IngestRecord first = records.get(0);
      assertThat(first.caseId()).isEqualTo("3");
      assertThat(first.customerId()).isEqualTo("3");
      assertThat(first.touchpoint()).isEqualTo("register request");
      assertThat(Micros.toInstant(first.tsMicros())).isEqualTo(Instant.parse("2010-12-30T13:32:00Z"));
    }
  }

  @Test
  void skipsGlobalsAndNestedAttributesAndQuarantinesBrokenEvents() {
    String xes = """
        <?xml version="1.0" encoding="UTF-8"?>
        <log xes.version="1849-2016">
          <global scope="event"><string key="concept:name" value="default"/></global>
          <list key="shifts"><string key="concept:name" value="nested"/></list>
          <trace>
            <string key="concept:name" value="case-1"/>
            <event>
              <string key="concept:name" value="a"/>
              <date key="time:timestamp" value="2026-03-01T09:00:00.000+01:00"/>
              <string key="customer" value="k9"><string key="concept:name" value="nested"/></string>
            </event>
            <event>
              <string key="concept:name" value="b"/>
              <date key="time:timestamp" value="not a time"/>
            </event>
            <event>
              <date key="time:timestamp" value="2026-03-01T10:00:00Z"/>
            </event>
          </trace>
        </log>
        """;
    List<IngestRecord> records = read(xes, ReadOptions.defaults());
    assertThat(records).hasSize(3);
    assertThat(records.get(0).touchpoint()).isEqualTo("a");
    assertThat(records.get(0).caseId()).isEqualTo("case-1");
    assertThat(records.get(1).reason()).startsWith("time:timestamp: cannot read timestamp 'not a time'");
    assertThat(records.get(1).line()).isEqualTo(12);
    assertThat(records.get(2).reason()).isEqualTo("event has no concept:name");
  }

  @Test
  void keepsOnlyCompletionsWithLifecycleComplete() {
    String xes = """
        <log><trace><string key="concept:name" value="c"/>
          <event><string key="concept:name" value="a"/><string key="lifecycle:transition" value="start"/>
            <date key="time:timestamp" value="2026-03-01T09:00:00Z"/></event>
          <event><string key="concept:name" value="a"/><string key="lifecycle:transition" value="complete"/>
            <date key="time:timestamp" value="2026-03-01T09:10:00Z"/></event>
        </trace></log>
        """;
    ReadOptions complete = new ReadOptions("case_id", "activity", "timestamp", null, null, null, null,
        ReadOptions.ASSISTED_CHANNELS_DEFAULT, "complete", java.time.ZoneOffset.UTC, ',', null);
    List<IngestRecord> records = read(xes, complete);
    assertThat(records).filteredOn(r -> !r.isBad()).singleElement()
        .satisfies(r -> assertThat(Micros.toInstant(r.tsMicros())).isEqualTo(Instant.parse("2026-03-01T09:10:00Z")));
    assertThat(read(xes, ReadOptions.defaults())).hasSize(2).noneMatch(IngestRecord::isBad);
  }

  @Test
  void returnsTheEventsBeforeMalformedXmlThenBreaksOffWhereItStops() {
    String xes = """
        <log><trace><string key="concept:name" value="c"/>
          <event><string key="concept:name" value="a"/><date key="time:timestamp" value="2026-03-01T09:00:00Z"/></event>
          <event><string key="concept:name" value="b"></event>
        </trace></log>
        """;
    XesEventReader reader = new XesEventReader(new ByteArrayInputStream(xes.getBytes(StandardCharsets.UTF_8)),
        LogParser.xesOptions(ReadOptions.defaults()));
    assertThat(reader.next().touchpoint()).isEqualTo("a");
    assertThatThrownBy(reader::hasNext).isInstanceOf(InputBreak.class)
        .hasMessage("malformed XML at line 3: Unexpected close tag </event>; expected </string>.")
        .satisfies(e -> assertThat(((InputBreak) e).line()).isEqualTo(3));
  }

  @Test
  void aDocumentThatStopsInsideATraceBreaksOffAfterItsEvents() {
    String xes = """
        <log><trace><string key="concept:name" value="c"/>
          <event><string key="concept:name" value="a"/><date key="time:timestamp" value="2026-03-01T09:00:00Z"/></event>
        """;
    XesEventReader reader = new XesEventReader(new ByteArrayInputStream(xes.getBytes(StandardCharsets.UTF_8)),
        LogParser.xesOptions(ReadOptions.defaults()));
    assertThat(reader.next().touchpoint()).isEqualTo("a");
    assertThatThrownBy(reader::hasNext).isInstanceOf(InputBreak.class);
  }
}
