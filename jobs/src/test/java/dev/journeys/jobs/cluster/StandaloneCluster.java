package dev.journeys.jobs.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real Spark standalone cluster on 127.0.0.1: a master and workers in their own JVMs, started from the project's
 * own Maven jars through a stand-in Spark home (its {@code jars/} links every runtime jar of Spark, and none of
 * ours: the application jar must carry our code, as on a user's cluster). Stopped with {@link #close()}.
 */
final class StandaloneCluster implements AutoCloseable {

  /** Jars a cluster does not have: ours and what the application jar shades in. */
  private static final List<String> NOT_ON_A_CLUSTER = List.of("journeys-", "jgrapht", "jheaps", "picocli", "echarts");

  private final Path home;
  private final Path logs;
  private final List<String> jvmArgs;
  private final int port = freePort();
  private final int webPort = freePort();
  private final Process master;
  private final List<Process> workers = new ArrayList<>();

  /** Starts a master and {@code workers} workers of {@code cores} cores each, and waits until all have registered. */
  StandaloneCluster(Path dir, List<String> classpath, List<String> jvmArgs, int workers, int cores)
      throws IOException, InterruptedException {
    this.home = Files.createDirectories(dir.resolve("spark-home"));
    this.logs = Files.createDirectories(dir.resolve("logs"));
    this.jvmArgs = jvmArgs;
    Path jars = Files.createDirectories(home.resolve("jars"));
    for (String entry : classpath) {
      Path jar = Path.of(entry);
      String name = jar.getFileName().toString();
      if (name.endsWith(".jar") && NOT_ON_A_CLUSTER.stream().noneMatch(name::startsWith)
          && !Files.exists(jars.resolve(name))) {
        Files.createSymbolicLink(jars.resolve(name), jar.toAbsolutePath());
      }
    }
    Path conf = Files.createDirectories(home.resolve("conf"));
    try (var log4j = StandaloneCluster.class.getClassLoader().getResourceAsStream("log4j2.properties")) {
      Files.copy(log4j, conf.resolve("log4j2.properties"));
    }
    Files.writeString(home.resolve("RELEASE"), ""); // a Spark home with a RELEASE file launches executors from jars/
    master = start("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
        String.valueOf(port), "--webui-port", String.valueOf(webPort));
    try {
      for (int i = 0; i < workers; i++) {
        Path work = Files.createDirectories(dir.resolve("work-" + i));
        this.workers.add(start("worker-" + i, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
            "--cores", String.valueOf(cores), "--memory", "2g", "--webui-port", "0", "--work-dir", work.toString(),
            masterUrl()));
      }
      awaitState(s -> s.path("aliveworkers").asInt() == workers, Duration.ofSeconds(90),
          workers + " workers registered with the master");
    } catch (IOException | InterruptedException | RuntimeException e) {
      close(); // never leave a master or worker behind
      throw e;
    }
  }

  String masterUrl() {
    return "spark://127.0.0.1:" + port;
  }

  /**
   * Runs {@code journeys} through Spark's own {@code SparkSubmit}, as {@code spark-submit} does, with its console in
   * {@code output}; returns the running driver.
   */
  Process submit(String master, Path appJar, Path output, List<String> args) throws IOException {
    List<String> command = java("org.apache.spark.deploy.SparkSubmit");
    command.addAll(List.of("--master", master, "--class", "dev.journeys.jobs.cli.Main",
        "--conf", "spark.ui.enabled=false", "--conf", "spark.executor.memory=1g",
        "--conf", "spark.sql.shuffle.partitions=4", appJar.toString()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(output.toFile());
    environment(builder.environment());
    return builder.start();
  }

  /** Kills worker {@code i} and its executors at once, as a lost machine would. */
  void killWorker(int i) {
    Process worker = workers.get(i);
    worker.descendants().forEach(ProcessHandle::destroyForcibly);
    worker.destroyForcibly();
  }

  /** The master's view of the cluster, from its web UI's JSON. */
  JsonNode state() throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + "/json/")).timeout(Duration.ofSeconds(5))
            .build(), HttpResponse.BodyHandlers.ofString());
    return new ObjectMapper().readTree(response.body());
  }

  void awaitState(Predicate<JsonNode> condition, Duration timeout, String what) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!master.isAlive()) {
        throw new IllegalStateException("The Spark master stopped:\n" + logTails());
      }
      try {
        if (condition.test(state())) {
          return;
        }
      } catch (IOException notUpYet) {
        // the web UI is still starting
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("Timed out waiting for " + what + ":\n" + logTails());
  }

  /** The last lines of every log of the cluster, to tell why it failed. */
  String logTails() {
    StringBuilder tails = new StringBuilder();
    try (var files = Files.walk(logs.getParent())) {
      for (Path log : files.filter(f -> f.toString().endsWith(".log") || f.getFileName().toString().equals("stderr"))
          .sorted().toList()) {
        List<String> lines = Files.readAllLines(log);
        tails.append("--- ").append(log).append('\n')
            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()))).append('\n');
      }
    } catch (IOException e) {
      tails.append("(cannot read the logs: ").append(e.getMessage()).append(")\n");
    }
    return tails.toString();
  }

  Path logs() {
    return logs;
  }

  @Override
  public void close() {
    for (Process p : workers) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
    }
    master.destroy();
    for (Process p : workers) {
      awaitExit(p);
    }
    awaitExit(master);
  }

  private static void awaitExit(Process p) {
    try {
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Process start(String name, String mainClass, String... args) throws IOException {
    List<String> command = java(mainClass);
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(logs.resolve(name + ".log").toFile());
    environment(builder.environment());
    builder.environment().remove("JOURNEYS_SECRET"); // only the driver has it, as on a real cluster
    return builder.start();
  }

  private List<String> java(String mainClass) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx1g");
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(home.resolve("conf") + java.io.File.pathSeparator + home.resolve("jars") + "/*");
    command.add(mainClass);
    return command;
  }

  private void environment(Map<String, String> env) {
    env.put("SPARK_HOME", home.toString());
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("SPARK_SCALA_VERSION", "2.13"); // without it every executor launch looks for a source build
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
