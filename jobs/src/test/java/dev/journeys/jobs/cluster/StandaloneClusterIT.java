package dev.journeys.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.jobs.generate.SampleExports;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application jar submitted to a real standalone cluster on 127.0.0.1 (a master and two one-core workers in their
 * own JVMs, from the project's jars) gives the outputs of a local run, byte for byte, also when a worker dies half-way.
 * Runs in {@code mvn verify} after the application jar is built (Failsafe).
 */
class StandaloneClusterIT {

  /** The outputs that must not depend on where or how often the job ran. */
  static final List<String> DETERMINISTIC = List.of("transitions.csv", "handoffs.csv", "variants.csv", "quarantine.csv",
      "graph.dot", "graph.graphml", "graph.json", "stitching.json");

  @TempDir static Path dir;
  static StandaloneCluster cluster;
  static Path config;
  static Path local;

  @BeforeAll
  static void startClusterAndRunLocally() throws Exception {
    // Raw web, contact-centre and CRM exports: ingest, stitching, pseudonyms, journeys, everything a real run does.
    SampleExports.write(dir.resolve("sample"), 4_000, 7);
    config = dir.resolve("sample").resolve(SampleExports.CONFIG);
    cluster = new StandaloneCluster(dir.resolve("cluster"), classpath(), jvmArgs(), 2, 1);
    local = run("local[2]", "local");
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void theClusterRunGivesTheLocalRunsOutputsByteForByte() throws Exception {
    Path out = run(cluster.masterUrl(), "cluster");

    assertSameOutputs(out, local);
    assertThat(cluster.state().path("completedapps")).anySatisfy(app ->
        assertThat(app.path("name").asText()).isEqualTo("journeys run"));
  }

  @Test
  void aSecondRunOnTheSameInputsWritesTheSameBytes() throws Exception {
    assertSameOutputs(run("local[2]", "local-again"), local);
  }

  @Test
  void aWorkerKilledHalfWayLeavesTheSameOutputs() throws Exception {
    Path out = dir.resolve("out-killed");
    Path console = dir.resolve("killed.log");
    Process driver = cluster.submit(cluster.masterUrl(), appJar(), console, List.of("run", "--config",
        config.toString(), "--out", out.toString()));
    // Kill one worker, with its executor, while the job reads and stitches (its first progress report comes after
    // 15 s of work, with executors busy on both workers): Spark must run the lost tasks again on the other one.
    cluster.awaitState(state -> state.path("workers").size() == 2 && java.util.stream.StreamSupport.stream(
        state.path("workers").spliterator(), false).allMatch(w -> w.path("coresused").asInt() > 0),
        Duration.ofSeconds(120), "executors on both workers");
    awaitLine(console, "Spark tasks done", driver, Duration.ofSeconds(120));
    assertThat(driver.isAlive()).as("the run is still going when the worker is killed").isTrue();
    cluster.killWorker(0);
    assertThat(driver.waitFor(10, TimeUnit.MINUTES)).as("the driver finished").isTrue();

    String log = Files.readString(console);
    if (driver.exitValue() == 0) {
      assertSameOutputs(out, local);
    } else {
      // Failing is allowed, but then clearly, and with nothing that looks like a finished run.
      assertThat(log).contains("journeys:");
      assertThat(out.resolve("manifest.json")).doesNotExist();
    }
    assertThat(driver.exitValue()).as("the run survives a lost worker:\n" + log).isZero();
    assertThat(log).as("the driver saw the executor go").containsAnyOf("Lost executor", "ExecutorLostFailure",
        "Lost task");
  }

  static Path run(String master, String name) throws IOException, InterruptedException {
    Path out = dir.resolve("out-" + name);
    Path console = dir.resolve(name + ".log");
    Process driver = cluster.submit(master, appJar(), console, List.of("run", "--config", config.toString(), "--out",
        out.toString()));
    assertThat(driver.waitFor(10, TimeUnit.MINUTES)).as(name + " run finished").isTrue();
    assertThat(driver.exitValue()).as(name + " run:\n" + Files.readString(console)).isZero();
    assertThat(out.resolve("manifest.json")).exists();
    return out;
  }

  static void assertSameOutputs(Path actual, Path expected) throws IOException {
    for (String file : DETERMINISTIC) {
      assertThat(actual.resolve(file)).as(file).hasSameBinaryContentAs(expected.resolve(file));
    }
  }

  static void awaitLine(Path console, String text, Process driver, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(console) && Files.readString(console).contains(text)) {
        return;
      }
      if (!driver.isAlive()) {
        throw new IllegalStateException("The driver stopped before printing '" + text + "':\n"
            + Files.readString(console));
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("The driver did not print '" + text + "' in " + timeout);
  }

  static Path appJar() {
    return Path.of(System.getProperty("journeys.appJar"));
  }

  /** The runtime class path Maven wrote for the launcher (Spark included), of which the cluster takes Spark's jars. */
  static List<String> classpath() throws IOException {
    Path file = Path.of(System.getProperty("journeys.classpathFile"));
    return Arrays.asList(Files.readString(file).trim().split(File.pathSeparator));
  }

  static List<String> jvmArgs() {
    List<String> args = new ArrayList<>();
    Stream.of(System.getProperty("journeys.sparkJvmArgs", "").trim().split("\\s+")).filter(a -> !a.isEmpty())
        .forEach(args::add);
    return args;
  }
}
