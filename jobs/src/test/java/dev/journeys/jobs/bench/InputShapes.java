package dev.journeys.jobs.bench;

import dev.journeys.jobs.cli.DemoCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The input shapes users have, timed as they run them: the benchmark's events written again by DuckDB as one
 * CSV file and as one Parquet file, both in random order, then for each shape (and the raw exports) whole
 * {@code ./journeys run} commands in fresh JVMs, side by side with DuckDB's bare directly-follows query on the
 * same file, each the median of several runs.
 */
final class InputShapes {

  /** The directly-follows pairs of a relation, ordered by {@code order} within each customer. */
  static final String DIRECTLY_FOLLOWS = """
      SELECT a, b, count(*) AS passages FROM (
        SELECT touchpoint AS a, lead(touchpoint) OVER (PARTITION BY customer_id ORDER BY %2$s) AS b
        FROM %1$s)
      WHERE b IS NOT NULL GROUP BY a, b""";

  private InputShapes() {}

  /** One shape: how {@code ./journeys run} reads it, and what DuckDB reads (null: DuckDB cannot). */
  record Shape(String name, List<String> runArguments, String duckDbRelation, String duckDbOrder, boolean raw) {}

  /** Writes the events of {@code clustered} as one random-order CSV file and one random-order Parquet file. */
  static void write(Path clustered, Path dir) throws Exception {
    Files.createDirectories(dir);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      s.execute("SET temp_directory='" + dir.resolve("duckdb-spill") + "'");
      String shuffled = "FROM read_parquet('" + clustered + "/*.parquet') ORDER BY hash(customer_id, seq)";
      s.execute("COPY (SELECT customer_id, strftime(ts::TIMESTAMP, '%Y-%m-%dT%H:%M:%S.%fZ') AS ts, touchpoint, "
          + "channel, owner, assisted " + shuffled + ") TO '" + dir.resolve("events.csv") + "' (HEADER, DELIMITER ',')");
      s.execute("COPY (SELECT * " + shuffled + ") TO '" + dir.resolve("unsorted.parquet") + "' (FORMAT parquet)");
    }
  }

  static List<Shape> shapes(Path clustered, Path dir, Path rawConfig) {
    List<String> analysis = DemoCommand.demoArguments();
    List<Shape> shapes = new ArrayList<>();
    String parquetOrder = "ts, source_order, seq";
    shapes.add(new Shape("Parquet clustered by customer", with(analysis, "-i", clustered.toString()),
        "read_parquet('" + clustered + "/*.parquet')", parquetOrder, false));
    Path unsorted = dir.resolve("unsorted.parquet");
    shapes.add(new Shape("one Parquet file, rows in random order", with(analysis, "-i", unsorted.toString()),
        "read_parquet('" + unsorted + "')", parquetOrder, false));
    Path csv = dir.resolve("events.csv");
    shapes.add(new Shape("one CSV file, rows in random order",
        with(with(analysis, "--timestamp-column", "ts"), "-i", csv.toString()),
        "read_csv('" + csv + "', header = true)", "ts", false));
    if (rawConfig != null) {
      shapes.add(new Shape("raw exports (Segment, Amazon Connect, Salesforce)",
          List.of("--config", rawConfig.toString()), null, null, true));
    }
    return shapes;
  }

  private static List<String> with(List<String> arguments, String... more) {
    List<String> all = new ArrayList<>(arguments);
    all.addAll(List.of(more));
    return all;
  }

  /**
   * Times every shape: {@code runs} whole cold commands through {@code launcher} and as many DuckDB queries, each
   * the median; prints a table and returns the figures per shape.
   */
  static Map<String, Object> measure(List<Shape> shapes, Path launcher, Path dir, int runs, long events)
      throws Exception {
    Map<String, Object> figures = new LinkedHashMap<>();
    // One command first, untimed: after a build, the launcher's first run records the class-data archive that
    // later runs start from, as a user's first run does.
    command(launcher, shapes.get(0), dir.resolve("out-warm-up"), 0);
    System.out.printf(Locale.ROOT, "%nInput shapes, whole commands in a fresh JVM (median of %d runs each):%n", runs);
    for (Shape shape : shapes) {
      double[] ours = new double[runs];
      double[] duck = new double[runs];
      for (int i = 0; i < runs; i++) {
        ours[i] = command(launcher, shape, dir.resolve("out-" + slug(shape.name())), i);
        if (shape.duckDbRelation() != null) {
          long started = System.nanoTime();
          duckDb(String.format(DIRECTLY_FOLLOWS, shape.duckDbRelation(), shape.duckDbOrder()), dir);
          duck[i] = (System.nanoTime() - started) / 1e9;
        }
      }
      Map<String, Object> f = new LinkedHashMap<>();
      double oursMedian = DirectlyFollowsBenchmark.median(ours);
      f.put("journeys_run_seconds", oursMedian);
      f.put("journeys_run_runs_seconds", ours);
      String line = String.format(Locale.ROOT, "  %-52s journeys %7.1fs", shape.name(), oursMedian);
      if (shape.duckDbRelation() != null) {
        double duckMedian = DirectlyFollowsBenchmark.median(duck);
        f.put("duckdb_directly_follows_seconds", duckMedian);
        f.put("duckdb_directly_follows_runs_seconds", duck);
        f.put("ratio_journeys_to_duckdb", oursMedian / duckMedian);
        f.put("events", events);
        line += String.format(Locale.ROOT, "   DuckDB %6.1fs   ratio %5.2f×", duckMedian, oursMedian / duckMedian);
      }
      System.out.println(line);
      figures.put(shape.name(), f);
    }
    return figures;
  }

  /** One whole {@code ./journeys run} on the shape, in its own JVM, in seconds; its console goes to a log file. */
  private static double command(Path launcher, Shape shape, Path out, int run) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(launcher.toString(), "run"));
    command.addAll(shape.runArguments());
    command.addAll(List.of("--out", out.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(out.resolveSibling(out.getFileName() + "-" + run + ".log").toFile());
    if (shape.raw()) {
      builder.environment().put("JOURNEYS_SECRET", "journeys-benchmark-secret");
    }
    long started = System.nanoTime();
    int status = builder.start().waitFor();
    double seconds = (System.nanoTime() - started) / 1e9;
    if (status != 0) {
      throw new IllegalStateException("'" + String.join(" ", command) + "' failed with status " + status + "; see "
          + out.resolveSibling(out.getFileName() + "-" + run + ".log"));
    }
    return seconds;
  }

  private static void duckDb(String query, Path dir) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      s.execute("SET preserve_insertion_order=false");
      s.execute("SET temp_directory='" + dir.resolve("duckdb-spill") + "'");
      try (var r = s.executeQuery("SELECT count(*) FROM (" + query + ")")) {
        r.next();
      }
    }
  }

  /** The pm4py comparison: the first 5 million rows of the CSV shape, one journey per customer (pm4py's cases). */
  static final long PM4PY_ROWS = 5_000_000;

  /** What pm4py does on the CSV, timed as one whole process: read it, then the directly-follows graph and variants. */
  static final String PM4PY_SCRIPT = """
      import sys, pandas, pm4py
      df = pandas.read_csv(sys.argv[1])
      df['ts'] = pandas.to_datetime(df['ts'], utc=True)
      df = pm4py.format_dataframe(df, case_id='customer_id', activity_key='touchpoint', timestamp_key='ts')
      dfg, start, end = pm4py.discover_dfg(df)
      variants = pm4py.get_variants(df)
      print(len(dfg), 'directly-follows pairs,', len(variants), 'variants')
      """;

  /**
   * Times pm4py against {@code ./journeys run} with one journey per customer on the same CSV file of
   * {@link #PM4PY_ROWS} rows, each a whole process, median of {@code runs}; null (with a message) when no Python
   * here imports pm4py ({@code PM4PY_PYTHON}, else {@code python3}, else Debian's {@code /usr/bin/python3}, with a
   * pm4py checkout on {@code PYTHONPATH}).
   */
  static Map<String, Object> pm4py(Path launcher, Path dir, int runs, long events) throws Exception {
    long rows = Math.min(PM4PY_ROWS, events);
    String python = null;
    for (String candidate : new String[] {System.getenv("PM4PY_PYTHON"), "python3", "/usr/bin/python3"}) {
      if (candidate != null && imports(candidate)) {
        python = candidate;
        break;
      }
    }
    if (python == null) {
      System.out.println("\npm4py: skipped, no Python here imports it (put a pm4py checkout on PYTHONPATH, or set "
          + "PM4PY_PYTHON)");
      return null;
    }
    Path csv = dir.resolve("events-5m.csv");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      s.execute("COPY (SELECT * FROM read_csv('" + dir.resolve("events.csv") + "', header = true, all_varchar = true) "
          + "LIMIT " + rows + ") TO '" + csv + "' (HEADER, DELIMITER ',')");
    }
    Path script = dir.resolve("pm4py-dfg.py");
    Files.writeString(script, PM4PY_SCRIPT);
    Shape ours = new Shape("journeys, one journey per customer", List.of("--journey-by", "case", "--case-column",
        "customer_id", "--activity-column", "touchpoint", "--timestamp-column", "ts", "--channel-column", "channel",
        "--owner-column", "owner", "--assisted-column", "assisted", "-i", csv.toString()), null, null, false);
    double[] journeys = new double[runs];
    double[] pm4py = new double[runs];
    for (int i = 0; i < runs; i++) {
      journeys[i] = command(launcher, ours, dir.resolve("out-pm4py-comparison"), i);
      ProcessBuilder builder = new ProcessBuilder(python, script.toString(), csv.toString()).redirectErrorStream(true)
          .redirectOutput(dir.resolve("pm4py-" + i + ".log").toFile());
      long started = System.nanoTime();
      int status = builder.start().waitFor();
      pm4py[i] = (System.nanoTime() - started) / 1e9;
      if (status != 0) {
        throw new IllegalStateException("pm4py failed with status " + status + "; see " + dir.resolve("pm4py-" + i
            + ".log"));
      }
    }
    Map<String, Object> f = new LinkedHashMap<>();
    double oursMedian = DirectlyFollowsBenchmark.median(journeys);
    double theirs = DirectlyFollowsBenchmark.median(pm4py);
    f.put("rows", rows);
    f.put("python", python);
    f.put("journeys_run_seconds", oursMedian);
    f.put("journeys_run_runs_seconds", journeys);
    f.put("pm4py_seconds", theirs);
    f.put("pm4py_runs_seconds", pm4py);
    f.put("pm4py_to_journeys", theirs / oursMedian);
    System.out.printf(Locale.ROOT, "%npm4py on the same %,d-row CSV (read, directly-follows graph, variants), whole "
        + "processes, median of %d:%n  journeys %7.1fs   pm4py %7.1fs   ratio pm4py / journeys %.2f×%n", rows, runs,
        oursMedian, theirs, theirs / oursMedian);
    return f;
  }

  private static boolean imports(String python) {
    try {
      Process p = new ProcessBuilder(python, "-c", "import pm4py").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String slug(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }
}
