package dev.journeys.jobs.support;

import dev.journeys.jobs.engine.spark.Sparks;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** One local Spark session shared by the test JVM: local[2], shuffle partitions 2, UI off, driver on loopback. */
public final class SparkTest {

  private static SparkSession session;

  private SparkTest() {}

  public static synchronized SparkSession spark() {
    if (session == null) {
      SparkConf conf = Sparks.configure(new SparkConf()
          .setMaster("local[2]")
          .setAppName("journeys-tests")
          .set("spark.ui.enabled", "false")
          .set("spark.sql.shuffle.partitions", "2")
          .set("spark.default.parallelism", "2")
          .set("spark.driver.host", "127.0.0.1"));
      session = SparkSession.builder().config(conf).getOrCreate();
    }
    return session;
  }

  /**
   * A file of the project's real public logs, {@code test-data/} at the top of the checkout (the
   * {@code journeys.data} property, which Maven sets), else the first {@code test-data} found above the working folder.
   */
  public static Path data(String name) {
    String configured = System.getProperty("journeys.data");
    if (configured != null && Files.isDirectory(Path.of(configured))) {
      return Path.of(configured).resolve(name);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("test-data/expected"))) {
        return dir.resolve("test-data").resolve(name);
      }
    }
    throw new IllegalStateException("Cannot find test-data/ (tried " + configured + " and the folders above "
        + Path.of("").toAbsolutePath() + ")");
  }

  /** The table with its map columns (attributes) as JSON text: Spark cannot compare sets of rows holding maps. */
  public static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> comparable(
      org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> table) {
    for (org.apache.spark.sql.types.StructField f : table.schema().fields()) {
      if (f.dataType() instanceof org.apache.spark.sql.types.MapType) {
        table = table.withColumn(f.name(), org.apache.spark.sql.functions.to_json(
            org.apache.spark.sql.functions.col(f.name())));
      }
    }
    return table;
  }
}
