package dev.journeys.jobs.ingest.raw;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.jobs.config.ConfigFile;
import dev.journeys.jobs.ingest.Source;
import dev.journeys.jobs.support.SparkTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real access log through the access-log preset loses nothing: every line is an event, a left-out asset or bot, or quarantined with a reason. */
class AccessLogMappingTest {

  @TempDir Path dir;

  @Test
  void everyLineIsAnEventALeftOutLineOrAQuarantinedRow() throws IOException {
    Path config = Files.writeString(dir.resolve("c.yaml"), "sources: [{path: x, format: access-log}]\nout: o\n");
    Source source = ConfigFile.read(config, null).sources().get(0);
    long events = 0;
    long excluded = 0;
    long bad = 0;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(SparkTest.data("apache_access_combined.log.gz")))) {
      var records = source.raw().open(in, ',');
      while (records.hasNext()) {
        FieldRecord r = records.next();
        MappedRecord m = r.isBad() ? MappedRecord.bad(r.error()) : source.mapping().map(r, null);
        if (m.excluded()) {
          excluded++;
        } else if (m.isBad()) {
          assertThat(m.error()).isNotBlank();
          bad++;
        } else {
          assertThat(m.touchpoint()).startsWith("web:/");
          assertThat(m.keys()).singleElement().asString().startsWith("visitor:");
          events++;
        }
      }
    }
    assertThat(events + excluded + bad).isEqualTo(10_000);
    assertThat(events).isGreaterThan(1_000);
    assertThat(excluded).isGreaterThan(1_000);
  }
}
