package dev.journeys.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.jobs.ingest.InputFile;
import dev.journeys.jobs.ingest.ReadOptions;
import dev.journeys.jobs.ingest.Source;
import dev.journeys.jobs.ingest.raw.RawFormat;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputChecksTest {

  @TempDir
  Path dir;

  private InputFile file(String name, long bytes, InputFile.Format format) throws IOException {
    Path path = dir.resolve(name);
    try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "rw")) {
      f.setLength(bytes);
    }
    return new InputFile(path.toUri().toString(), format, 0, new Source(path.toString(), ReadOptions.defaults()));
  }

  @Test
  void aLargeGzippedCsvLogHoldingMostOfTheInputIsNamedWithTheRemedy() throws IOException {
    InputFile big = file("export.csv.gz", InputChecks.LARGE_GZIP_BYTES + 1, InputFile.Format.CSV);
    InputFile small = file("small.csv", 1_000_000, InputFile.Format.CSV);
    String note = InputChecks.unsplittableGzip(List.of(big, small), new Configuration(), 4);
    assertThat(note).contains(dir.resolve("export.csv.gz").toString()).contains("gzip cannot be split")
        .contains("other 3 wait").contains("gunzip -k");
  }

  @Test
  void aLargeGzippedRawExportOfLinesIsNamedButNotAJsonArrayThatIsReadWholeAnyway() throws IOException {
    Path log = dir.resolve("access.log.gz");
    try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "rw")) {
      f.setLength(InputChecks.LARGE_GZIP_BYTES + 1);
    }
    InputFile access = new InputFile(log.toUri().toString(), InputFile.Format.RAW, 0,
        new Source(log.toString(), ReadOptions.defaults(), RawFormat.ACCESS_LOG, null));
    assertThat(InputChecks.unsplittableGzip(List.of(access), new Configuration(), 2))
        .contains("access.log.gz").contains("gunzip -k");

    assertThat(InputChecks.unsplittableGzip(List.of(json("lines.jsonl.gz", "{\"ContactId\": \"c-1\"}\n")),
        new Configuration(), 2)).contains("lines.jsonl.gz");
    assertThat(InputChecks.unsplittableGzip(List.of(json("array.json.gz", "\n  [{\"ContactId\": \"c-1\"}]")),
        new Configuration(), 2)).isNull();
  }

  /** A large gzipped JSON export that begins with {@code text} (what follows its gzip member is never read). */
  private InputFile json(String name, String text) throws IOException {
    Path path = dir.resolve(name);
    try (var out = new java.util.zip.GZIPOutputStream(java.nio.file.Files.newOutputStream(path))) {
      out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "rw")) {
      f.setLength(InputChecks.LARGE_GZIP_BYTES + 1);
    }
    return new InputFile(path.toUri().toString(), InputFile.Format.RAW, 0,
        new Source(path.toString(), ReadOptions.defaults(), RawFormat.AMAZON_CONNECT, null));
  }

  @Test
  void noAdviceForOneCoreASmallGzipOrAGzipThatHoldsLessThanHalf() throws IOException {
    InputFile big = file("export.csv.gz", InputChecks.LARGE_GZIP_BYTES + 1, InputFile.Format.CSV);
    assertThat(InputChecks.unsplittableGzip(List.of(big), new Configuration(), 1)).isNull();
    InputFile small = file("small.csv.gz", 1_000_000, InputFile.Format.CSV);
    assertThat(InputChecks.unsplittableGzip(List.of(small), new Configuration(), 2)).isNull();
    InputFile plain = file("plain.csv", 3 * InputChecks.LARGE_GZIP_BYTES, InputFile.Format.CSV);
    assertThat(InputChecks.unsplittableGzip(List.of(big, plain), new Configuration(), 2)).isNull();
  }
}
