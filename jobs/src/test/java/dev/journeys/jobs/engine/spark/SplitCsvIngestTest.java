package dev.journeys.jobs.engine.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.jobs.ingest.InputFile;
import dev.journeys.jobs.ingest.ReadOptions;
import dev.journeys.jobs.ingest.Source;
import dev.journeys.jobs.support.SparkTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A large CSV log is read by several tasks, in byte ranges, with exactly the rows one task would read. */
class SplitCsvIngestTest {

  @TempDir
  Path dir;

  /** Events and quarantined rows, every column, in file order, as ingest wrote them. */
  private static List<String> rows(SparkSession spark, String out, String table) {
    return spark.read().parquet(out + "/" + table).orderBy("seq").collectAsList().stream().map(Row::toString).toList();
  }

  private record Read(List<String> events, List<String> quarantine, long rows, long quarantined, String breaks,
      String utf8) {}

  private Read read(Path csv, String out, long splitBytes) {
    SparkSession spark = SparkTest.spark();
    spark.conf().set(LogParts.SPLIT_BYTES, Long.toString(splitBytes));
    try {
      ReadOptions options = ReadOptions.defaults();
      InputFile file = new InputFile(csv.toUri().toString(), InputFile.Format.CSV, 0,
          new Source(csv.toString(), new ReadOptions("case_id", "activity", "timestamp", "customer_id", null, null,
              null, options.assistedChannels(), options.lifecycle(), options.zone(), ',', null)));
      Ingest.Read read = Ingest.run(spark, List.of(file), out, null);
      return new Read(rows(spark, out, "events"), rows(spark, out, "quarantine"), read.result().rowsRead(),
          read.result().quarantined(), read.result().breaks().toString(), read.result().invalidUtf8().toString());
    } finally {
      spark.conf().unset(LogParts.SPLIT_BYTES);
    }
  }

  @Test
  void rangesReadTheSameEventsLinesSequenceNumbersAndQuarantineAsOneTask() throws IOException {
    StringBuilder csv = new StringBuilder("\uFEFFcustomer_id,case_id,timestamp,activity\r\n");
    for (int i = 0; i < 1_500; i++) {
      String activity = switch (i % 11) {
        case 3 -> "\"web:page, with comma\"";
        case 5 -> "\"note:two\r\nlines\"";
        case 7 -> "\"call:\"\"quoted\"\"\"";
        default -> "web:page_" + (i % 13);
      };
      String time = i % 97 == 0 ? "yesterday" : "2026-03-01T10:" + String.format("%02d:%02d", i % 60, i % 59) + "Z";
      csv.append("cust-").append(i % 211).append(",case-").append(i % 400).append(',').append(time).append(',')
          .append(activity).append(i % 503 == 0 ? ",extra field" : "").append(i % 2 == 0 ? "\r\n" : "\n");
      if (i % 250 == 0) {
        csv.append('\n');
      }
    }
    csv.append("cust-1,case-1,2026-03-01T10:00:00Z,\"cut inside a quoted");
    Path file = dir.resolve("log.csv");
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    Read whole = read(file, dir.resolve("whole").toString(), Long.MAX_VALUE);
    assertThat(whole.events()).hasSizeGreaterThan(1_200);
    assertThat(whole.quarantine()).hasSizeGreaterThan(20);
    assertThat(whole.breaks()).contains("the file ends inside the record");
    for (long split : new long[] {8_192, 1_500}) {
      Read ranges = read(file, dir.resolve("split-" + split).toString(), split);
      assertThat(ranges).as("read in ranges of " + split + " bytes").isEqualTo(whole);
      try (var files = Files.list(dir.resolve("split-" + split).resolve("events"))) {
        assertThat(files.filter(f -> f.toString().endsWith(".parquet")).count()).as("tasks that wrote events")
            .isGreaterThan(split == 1_500 ? 20 : 5);
      }
    }
  }
}
