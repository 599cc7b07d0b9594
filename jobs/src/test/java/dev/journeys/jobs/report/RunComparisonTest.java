package dev.journeys.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunComparisonTest {

  @TempDir Path dir;

  Path run(String date, String transitions) throws IOException {
    Path d = Files.createDirectories(dir.resolve("dt=" + date));
    Files.writeString(d.resolve("transitions.csv"), "from,to,passages,drop_off_decided,drop_off_hits,"
        + "repeat_contact_decided_7d,repeat_contact_hits_7d\r\n" + transitions);
    Files.writeString(d.resolve("variants.csv"), "rank,journeys,touchpoints\r\n1,10,web:a → web:b\r\n");
    Files.writeString(d.resolve("manifest.json"), "{\"counts\":{\"journeys\":10,\"journeys_converted\":4,"
        + "\"journeys_dropped\":6}}");
    return d;
  }

  @Test
  void reportsRatesThatChangedBeyondNoiseAndTransitionsThatCameAndWent() throws IOException {
    Path before = run("2026-03-01", "web:a,web:b,100,100,30,100,10\r\nweb:b,web:c,100,100,30,100,10\r\nweb:x,web:y,5,5,1,,\r\n");
    Path now = run("2026-03-02", "web:a,web:b,100,100,60,100,11\r\nweb:b,web:c,100,100,32,100,10\r\nweb:n,web:m,5,5,1,,\r\n");

    assertThat(RunComparison.previousFinished(dir, "2026-03-02")).isEqualTo(before);
    Map<String, Object> summary = RunComparison.write(now, before, "2026-03-02");

    assertThat((List<?>) summary.get("changed_rates")).singleElement().satisfies(c -> {
      Map<?, ?> change = (Map<?, ?>) c;
      assertThat(change.get("transition")).isEqualTo("web:a → web:b");
      assertThat(change.get("rate")).isEqualTo("drop_off");
      assertThat((double) change.get("q_value")).isLessThan(0.05);
    });
    assertThat(summary.get("rates_tested")).isEqualTo(4);
    assertThat(summary.get("new_transitions")).isEqualTo(List.of("web:n → web:m"));
    assertThat(summary.get("vanished_transitions")).isEqualTo(List.of("web:x → web:y"));
    assertThat(now.resolve("summary.json")).exists();
    assertThat(Files.readString(now.resolve("summary.md")))
        .contains("**journeys — 2026-03-02**", "10 journeys: 40% converted, 60% dropped",
            "Since 2026-03-01: 1 rate changed beyond noise (q < 0.05):", "- web:a → web:b, drop_off: 30.0% → 60.0%");
  }
}
