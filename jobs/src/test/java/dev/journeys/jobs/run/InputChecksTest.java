package dev.journeys.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.jobs.ingest.InputFile;
import dev.journeys.jobs.ingest.ReadOptions;
import dev.journeys.jobs.ingest.Source;
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
  void noAdviceForOneCoreASmallGzipOrAGzipThatHoldsLessThanHalf() throws IOException {
    InputFile big = file("export.csv.gz", InputChecks.LARGE_GZIP_BYTES + 1, InputFile.Format.CSV);
    assertThat(InputChecks.unsplittableGzip(List.of(big), new Configuration(), 1)).isNull();
    InputFile small = file("small.csv.gz", 1_000_000, InputFile.Format.CSV);
    assertThat(InputChecks.unsplittableGzip(List.of(small), new Configuration(), 2)).isNull();
    InputFile plain = file("plain.csv", 3 * InputChecks.LARGE_GZIP_BYTES, InputFile.Format.CSV);
    assertThat(InputChecks.unsplittableGzip(List.of(big, plain), new Configuration(), 2)).isNull();
  }
}
