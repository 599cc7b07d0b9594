package dev.journeys.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.jobs.cli.RunOptions;
import dev.journeys.jobs.config.ConfigFile;
import dev.journeys.jobs.config.RunConfig;
import dev.journeys.jobs.generate.SampleExports;
import dev.journeys.jobs.io.Progress;
import dev.journeys.jobs.support.SparkTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every CSV, graph and Parquet output of runs on the public test logs, a raw access log and the demo's raw
 * exports is the one recorded in {@code test-data/expected/outputs.sha256}: a change of the code that is
 * meant to keep behaviour (a refactoring) must keep them. CSV, JSON and graph files are compared byte for byte
 * (with the run's folder written as {@code $DIR}, and the folder of the test logs as {@code $DATA}). A Parquet table (a folder of part files) is compared by what it
 * holds: its files' schema and footer metadata, their codecs, and all its rows, sorted. Not by raw bytes, because
 * parquet-mr lists each column chunk's encodings in the order of a hash set, which differs from one JVM to the
 * next; nor file by file, because the range partitioning of raw exports' events samples rows whose order comes
 * from a shuffle. The manifest and the report are left out, as they hold timings.
 *
 * <p>When a change is meant to alter outputs, record the new ones with
 * {@code mvn -o test -pl jobs -Dtest=OutputsUnchangedTest -Djourneys.record-outputs=true} and say why in the commit.
 */
class OutputsUnchangedTest {

  static final Path RECORDED = SparkTest.data("expected/outputs.sha256");
  /** Where the test logs lie in this checkout: their paths, written in events/ and quarantine, are not compared. */
  static final String DATA = RECORDED.getParent().getParent().toAbsolutePath().normalize().toString();
  static final String SECRET = "outputs-unchanged-test-secret";

  @TempDir static Path dir;
  static final Map<String, String> digests = new TreeMap<>();

  @BeforeAll
  static void runEveryShape() throws IOException {
    Progress quiet = Progress.silent();
    String bpic = SparkTest.data("bpic2013_incidents.xes.gz").toString();
    digests.putAll(digest("bpic-spark", RunJob.run(SparkTest.spark(), options(List.of(bpic), "bpic-spark",
        "--journey-by", "customer", "--customer-column", "org:resource", "--goal", "Completed",
        "--repeat-windows", "1d,7d"), quiet)));
    digests.putAll(digest("helpdesk-local", RunJob.runLocal(options(
        List.of(SparkTest.data("helpdesk.xes.gz").toString()), "helpdesk-local", "--goal", "Closed"), quiet)));
    digests.putAll(digest("receipt-csv-spark", RunJob.run(SparkTest.spark(), options(
        List.of(SparkTest.data("receipt.csv.gz").toString()), "receipt-csv-spark",
        "--case-column", "case:concept:name", "--activity-column", "concept:name",
        "--timestamp-column", "time:timestamp", "--owner-column", "org:group", "--inactivity", "3d"), quiet)));

    Files.copy(SparkTest.data("apache_access_combined.log.gz"), dir.resolve("access.log.gz"));
    Path access = Files.writeString(dir.resolve("access.yaml"), """
        sources:
          - {path: access.log.gz, format: access-log}
        journeys: {by: customer, inactivity: 30m}
        ranking: {min-passages: 2}
        out: access-raw
        """);
    digests.putAll(digest("access-raw", RunJob.run(SparkTest.spark(),
        ConfigFile.read(access, null).withSecret(SECRET), quiet)));

    SampleExports.write(dir.resolve("demo"), 3_000, 7);
    digests.putAll(digest("demo-raw", RunJob.run(SparkTest.spark(),
        ConfigFile.read(dir.resolve("demo/" + SampleExports.CONFIG), dir.resolve("demo-raw").toString())
            .withSecret(SECRET), quiet)));
    // The demo's events, written clustered by customer, read back as a Parquet input: the streamed path.
    digests.putAll(digest("demo-events-parquet", RunJob.run(SparkTest.spark(), options(
        List.of(dir.resolve("demo-raw/events").toString()), "demo-events-parquet", "--journey-by", "customer",
        "--customer-column", "customer_id",
        "--goal", "web:order_completed"), quiet)));
  }

  static RunConfig options(List<String> inputs, String out, String... args) {
    RunOptions options = new RunOptions();
    new CommandLine(options).parseArgs(args);
    return options.toConfig(inputs, dir.resolve(out).toString());
  }

  /** The SHA-256 of every output file of the run in {@code dir/name}, and of every Parquet table's contents. */
  static Map<String, String> digest(String name, RunResult ignored) {
    Path out = dir.resolve(name);
    Map<String, String> found = new TreeMap<>();
    Map<String, List<Path>> tables = new TreeMap<>();
    try (Stream<Path> files = Files.walk(out)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String relative = out.relativize(file).toString().replace('\\', '/');
        String fileName = file.getFileName().toString();
        if (fileName.startsWith(".") || fileName.equals("_SUCCESS") || relative.equals("manifest.json")
            || relative.equals("report.html") || relative.startsWith("_")) {
          continue;
        }
        if (fileName.endsWith(".parquet")) {
          tables.computeIfAbsent(name + "/" + out.relativize(file.getParent()) + "/", t -> new ArrayList<>()).add(file);
        } else {
          found.put(name + "/" + relative, sha256(Files.readString(file)));
        }
      }
      for (Map.Entry<String, List<Path>> table : tables.entrySet()) {
        found.put(table.getKey(), parquetSha256(table.getValue()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(found).as("outputs of %s", name).containsKey(name + "/transitions.csv");
    return found;
  }

  static String sha256(String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      String portable = text.replace(dir.toString(), "$DIR").replace(RECORDED.getParent().getParent().toString(), "$DATA")
          .replace(DATA, "$DATA");
      return HexFormat.of().formatHex(sha.digest(portable.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The digest of what a Parquet table holds: its files' schema, metadata and codecs, and its rows, sorted. */
  static String parquetSha256(List<Path> files) throws IOException {
    java.util.Set<String> layout = new java.util.TreeSet<>();
    for (Path file : files) {
      try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
          new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
        FileMetaData meta = reader.getFooter().getFileMetaData();
        layout.add(meta.getSchema() + " " + new TreeMap<>(meta.getKeyValueMetaData()));
        for (BlockMetaData block : reader.getFooter().getBlocks()) {
          for (ColumnChunkMetaData column : block.getColumns()) {
            layout.add(column.getPath() + ":" + column.getCodec());
          }
        }
      }
    }
    List<String> rows = new ArrayList<>();
    for (Row row : SparkTest.spark().read().parquet(files.stream().map(Path::toString).toArray(String[]::new))
        .collectAsList()) {
      rows.add(row.toString());
    }
    rows.sort(null);
    return sha256(String.join("\n", layout) + "\n" + String.join("\n", rows));
  }

  @Test
  void everyOutputHasTheRecordedBytes() throws IOException {
    List<String> lines = new ArrayList<>();
    digests.forEach((file, sha) -> lines.add(sha + "  " + file));
    if (Boolean.getBoolean("journeys.record-outputs")) {
      Files.write(RECORDED, lines, StandardCharsets.UTF_8);
    }
    Map<String, String> recorded = new TreeMap<>();
    for (String line : Files.readAllLines(RECORDED, StandardCharsets.UTF_8)) {
      recorded.put(line.substring(66), line.substring(0, 64));
    }
    assertThat(digests).as("outputs whose bytes differ from %s", RECORDED).isEqualTo(recorded);
  }
}
