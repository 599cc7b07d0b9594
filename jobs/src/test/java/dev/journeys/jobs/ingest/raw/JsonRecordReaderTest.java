package dev.journeys.jobs.ingest.raw;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.jobs.io.Rate;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRecordReaderTest {

  static List<FieldRecord> read(String json) {
    List<FieldRecord> records = new ArrayList<>();
    new JsonRecordReader(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))).forEachRemaining(records::add);
    return records;
  }

  @Test
  void readsSegmentJsonLinesFlatteningNestedFields() {
    List<FieldRecord> records = read("""
        {"type":"track","event":"Rate Shown","anonymousId":"a-1","userId":null,"timestamp":"2026-03-01T09:00:00.000Z","properties":{"rate":3.9,"plan":{"name":"fix"}}}

        {"type":"identify","anonymousId":"a-1","userId":"u-9","traits":{"email":"x@example.com"},"timestamp":"2026-03-01T09:05:00Z"}
        """);
    assertThat(records).hasSize(2).noneMatch(FieldRecord::isBad);
    FieldRecord track = records.get(0);
    assertThat(track.get("event")).isEqualTo("Rate Shown");
    assertThat(track.get("properties.rate")).isEqualTo("3.9");
    assertThat(track.get("properties.plan.name")).isEqualTo("fix");
    assertThat(track.fields()).doesNotContainKey("userId");
    assertThat(records.get(1).line()).isEqualTo(3);
    assertThat(records.get(1).get("traits.email")).isEqualTo("x@example.com");
  }

  @Test
  void readsAnArrayOfContactRecordsAndObjectsRunTogether() {
    List<FieldRecord> array = read("""
        [
          {"ContactId":"c-1","Channel":"VOICE","Queue":{"Name":"Billing"},"References":[{"Value":"r1"}]},
          {"ContactId":"c-2","Channel":"CHAT"}
        ]
        """);
    assertThat(array).extracting(r -> r.get("ContactId")).containsExactly("c-1", "c-2");
    assertThat(array.get(0).get("Queue.Name")).isEqualTo("Billing");
    assertThat(array.get(0).get("References.0.Value")).isEqualTo("r1");
    assertThat(array.get(1).line()).isEqualTo(3);
    assertThat(read("{\"ContactId\":\"a\"}{\"ContactId\":\"b\"}\n")).extracting(r -> r.get("ContactId"))
        .containsExactly("a", "b");
  }

  @Test
  void quarantinesALineThatIsNotJsonAndReadsOn() {
    List<FieldRecord> records = read("{\"a\":1}\n{\"a\": \n{\"a\":3}\n\"text\"\n");
    assertThat(records).extracting(FieldRecord::line).containsExactly(1L, 2L, 3L, 4L);
    assertThat(records.get(1).error()).startsWith("malformed JSON");
    assertThat(records.get(3).error()).isEqualTo("expected a JSON object, found string");
    assertThat(records.get(2).get("a")).isEqualTo("3");
  }
}
