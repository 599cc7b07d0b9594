package dev.journeys.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.journeys.jobs.cli.DemoCommand;
import dev.journeys.jobs.cli.RunOptions;
import dev.journeys.jobs.config.ConfigFile;
import dev.journeys.jobs.config.RunConfig;
import dev.journeys.jobs.engine.spark.Sparks;
import dev.journeys.jobs.generate.SampleExports;
import dev.journeys.jobs.generate.SampleJourneys;
import dev.journeys.jobs.io.OutputSchema;
import dev.journeys.jobs.io.Progress;
import dev.journeys.jobs.run.RunJob;
import dev.journeys.jobs.run.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import picocli.CommandLine;

/**
 * Generates a sample log as Parquet in the unified event schema, then times, side by side in one run,
 * our full analysis on it and DuckDB's bare directly-follows counts on the same files, our ingest of raw
 * exports, and our analysis on one core against all of them ({@link CoreScaling}), and prints the times
 * and their ratios. Run it with {@code ./journeys benchmark [--events N] [--dir DIR] [--reuse] [--scaling R]}.
 */
public final class DirectlyFollowsBenchmark {

  static final String DUCKDB_DIRECTLY_FOLLOWS = """
      SELECT a, b, count(*) AS passages FROM (
        SELECT touchpoint AS a,
               lead(touchpoint) OVER (PARTITION BY customer_id ORDER BY ts, source_order, seq) AS b
        FROM read_parquet('%s/*.parquet'))
      WHERE b IS NOT NULL GROUP BY a, b""";

  /** Each customer's whole sequence as one variant (DuckDB does not cut journeys; ours is the harder job). */
  static final String DUCKDB_VARIANTS = """
      SELECT touchpoints, count(*) AS customers FROM (
        SELECT string_agg(touchpoint, ' → ' ORDER BY ts, source_order, seq) AS touchpoints
        FROM read_parquet('%s/*.parquet') GROUP BY customer_id)
      GROUP BY touchpoints""";

  /** The sample model's mean events per customer, to size the log. */
  static final double EVENTS_PER_CUSTOMER = 7.66;
  static final int DUCKDB_RUNS = 3;

  public static void main(String[] args) throws Exception {
    long events = 10_000_000;
    long rawCustomers = 20_000;
    Path dir = Path.of("/tmp/journeys-benchmark");
    boolean reuse = false;
    int scalingRounds = 3;
    int shapeRuns = 3;
    List<Integer> touchpoints = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--events" -> events = Long.parseLong(args[++i].replace("_", ""));
        case "--raw-customers" -> rawCustomers = Long.parseLong(args[++i].replace("_", ""));
        case "--dir" -> dir = Path.of(args[++i]);
        case "--reuse" -> reuse = true;
        case "--scaling" -> scalingRounds = Integer.parseInt(args[++i]);
        case "--shape-runs" -> shapeRuns = Integer.parseInt(args[++i]);
        case "--touchpoints" -> touchpoints = java.util.Arrays.stream(args[++i].split(","))
            .map(t -> Integer.parseInt(t.trim().replace("_", ""))).toList();
        default -> {
          System.err.println("usage: ./journeys benchmark [--events N] [--raw-customers N] [--dir DIR] [--reuse] "
              + "[--scaling ROUNDS] [--shape-runs N]\n"
              + "  --events N          size of the generated event log (default 10,000,000)\n"
              + "  --raw-customers N   customers in the raw exports whose ingest is timed (default 20,000; 0: skip)\n"
              + "  --dir DIR           where the data and benchmark.json go (default /tmp/journeys-benchmark)\n"
              + "  --reuse             use DIR/events.parquet as a previous run generated it, whatever its size\n"
              + "  --scaling ROUNDS    rounds of the analysis on local[1] against local[n], side by side (default 3; "
              + "0: skip;\n"
              + "                      only on an embedded master of n >= 2 cores)\n"
              + "  --shape-runs N      whole ./journeys run commands per input shape (clustered Parquet, one unsorted "
              + "Parquet\n"
              + "                      file, one CSV, the raw exports), each beside DuckDB on the same file (default 3; "
              + "0: skip)\n"
              + "  --touchpoints N,N   instead: time the analysis against N distinct touchpoints (e.g. "
              + "50000,100000,200000,1000000)");
          System.exit(2);
        }
      }
    }
    dir = dir.toAbsolutePath();
    if (touchpoints != null) {
      TouchpointScaling.measure(touchpoints, dir);
      return;
    }
    SparkSession spark = Sparks.session("journeys benchmark");
    Map<String, Object> figures;
    int cores;
    try {
      figures = run(spark, events, rawCustomers, dir, reuse);
      cores = CoreScaling.localCores(spark.sparkContext().master(), Runtime.getRuntime().availableProcessors());
    } finally {
      spark.stop();
    }
    String launcher = System.getProperty("journeys.launcher");
    if (shapeRuns > 0 && launcher != null) {
      Path input = dir.resolve("events.parquet");
      Path shapesDir = dir.resolve("shapes");
      long started = System.nanoTime();
      InputShapes.write(input, shapesDir);
      System.out.printf(Locale.ROOT, "%nWrote the events as one CSV and one Parquet file in random order to %s (%.1fs)%n",
          shapesDir, seconds(started));
      Path rawConfig = rawCustomers > 0 ? dir.resolve("raw").resolve(SampleExports.CONFIG) : null;
      figures.put("input_shapes", InputShapes.measure(InputShapes.shapes(input, shapesDir, rawConfig), Path.of(launcher),
          shapesDir, shapeRuns, (Long) figures.get("events")));
      Map<String, Object> pm4py = InputShapes.pm4py(Path.of(launcher), shapesDir, shapeRuns,
          (Long) figures.get("events"));
      if (pm4py != null) {
        figures.put("pm4py", pm4py);
      }
    } else if (shapeRuns > 0) {
      System.out.println("\nInput shapes: skipped, run through ./journeys benchmark to time whole commands");
    }
    if (scalingRounds > 0 && cores >= 2) {
      // After the session above is stopped: each round starts its own, on one core and on all of them.
      figures.put("core_scaling", CoreScaling.measure(analysis(dir), cores, scalingRounds, System.out));
    } else if (scalingRounds > 0) {
      System.out.println("\nCores side by side: skipped, the master is not an embedded one of two or more cores");
    }
    Files.writeString(dir.resolve("benchmark.json"),
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(figures));
    System.out.println("Figures in " + dir.resolve("benchmark.json"));
  }

  /** The analysis the benchmark times: the demo's options on the generated log. */
  static RunConfig analysis(Path dir) {
    RunOptions options = new RunOptions();
    new CommandLine(options).parseArgs(DemoCommand.demoArguments().toArray(String[]::new));
    return options.toConfig(List.of(dir.resolve("events.parquet").toString()), dir.resolve("out").toString());
  }

  /** Generates (or reuses) the log, times our analysis, DuckDB's queries and raw ingest; prints and returns the figures. */
  static Map<String, Object> run(SparkSession spark, long targetEvents, long rawCustomers, Path dir, boolean reuse)
      throws Exception {
    Path input = dir.resolve("events.parquet");
    long started = System.nanoTime();
    boolean generated = !(reuse && Files.exists(input.resolve("_SUCCESS")));
    if (generated) {
      generate(spark, Math.max(1, Math.round(targetEvents / EVENTS_PER_CUSTOMER)), input);
    }
    long events = spark.read().parquet(input.toString()).count();
    System.out.printf(Locale.ROOT, "%s %,d events in %s (%.1fs)%n", generated ? "Generated" : "Reusing", events, input,
        seconds(started));

    RunConfig analysis = analysis(dir);
    // Twice in this JVM: the first run pays for the JIT compiling Spark's and our code (on two cores, about
    // half their time on 10 million events), the second shows the steady state, as DuckDB's later runs do.
    started = System.nanoTime();
    Progress firstProgress = new Progress(System.out);
    RunJob.run(spark, analysis, firstProgress);
    double oursFirst = seconds(started);
    started = System.nanoTime();
    Progress progress = new Progress(System.out);
    RunResult result = RunJob.run(spark, analysis, progress);
    double ours = seconds(started);
    long customers = result.journeys().counts().customers();

    // DuckDB's time is the median of a few runs: its first read of the files is the noisiest.
    double[] duckDbRuns = new double[DUCKDB_RUNS];
    double[] duckDbVariantRuns = new double[DUCKDB_RUNS];
    long pairs = 0;
    long duckDbVariants = 0;
    String duckDbVariantsFailure = null;
    for (int i = 0; i < DUCKDB_RUNS; i++) {
      started = System.nanoTime();
      pairs = duckDbCount(DUCKDB_DIRECTLY_FOLLOWS, input);
      duckDbRuns[i] = seconds(started);
      if (duckDbVariantsFailure == null) {
        started = System.nanoTime();
        try {
          duckDbVariants = duckDbCount(DUCKDB_VARIANTS, input);
          duckDbVariantRuns[i] = seconds(started);
        } catch (java.sql.SQLException e) {
          // string_agg with ORDER BY keeps every customer's sequence in memory: on large logs it can run out.
          duckDbVariantsFailure = String.format(Locale.ROOT, "failed after %.1fs: %s", seconds(started),
              e.getMessage().lines().findFirst().orElse(""));
        }
      }
    }
    double duckDb = median(duckDbRuns);
    double duckDbVariantSeconds = duckDbVariantsFailure == null ? median(duckDbVariantRuns) : Double.NaN;

    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("events", events);
    figures.put("customers", customers);
    figures.put("journeys_grouping", result.journeys().grouping());
    figures.put("cores", Runtime.getRuntime().availableProcessors());
    figures.put("spark_master", spark.sparkContext().master());
    figures.put("spark_default_parallelism", spark.sparkContext().defaultParallelism());
    figures.put("journeys_full_analysis_seconds", ours);
    figures.put("journeys_stage_seconds", progress.durations());
    figures.put("journeys_first_run_seconds", oursFirst);
    figures.put("journeys_first_run_stage_seconds", firstProgress.durations());
    figures.put("ratio_journeys_first_run_to_duckdb", oursFirst / duckDb);
    figures.put("duckdb_directly_follows_seconds", duckDb);
    figures.put("duckdb_directly_follows_runs_seconds", duckDbRuns);
    figures.put("duckdb_transitions", pairs);
    figures.put("duckdb_memory_limit", duckDbMemoryLimit());
    if (duckDbVariantsFailure == null) {
      figures.put("duckdb_variants_seconds", duckDbVariantSeconds);
      figures.put("duckdb_variants_runs_seconds", duckDbVariantRuns);
    } else {
      figures.put("duckdb_variants_failure", duckDbVariantsFailure);
    }
    figures.put("duckdb_variants", duckDbVariants);
    if (duckDbVariantsFailure == null) {
      figures.put("ratio_journeys_to_duckdb_directly_follows_plus_variants", ours / (duckDb + duckDbVariantSeconds));
    }
    figures.put("ratio_journeys_to_duckdb", ours / duckDb);
    figures.put("journeys_events_per_second", events / ours);
    figures.put("duckdb_events_per_second", events / duckDb);
    if (rawCustomers > 0) {
      // Our ingest of raw exports (Segment, Amazon Connect, Salesforce): reading, stitching, pseudonymising.
      Path raw = dir.resolve("raw");
      SampleExports.write(raw, rawCustomers, 42);
      RunConfig config = ConfigFile.read(raw.resolve(SampleExports.CONFIG), dir.resolve("raw-out").toString())
          .withSecret("journeys-benchmark-secret");
      Progress rawProgress = new Progress(System.out);
      started = System.nanoTime();
      RunResult rawResult = RunJob.run(spark, config, rawProgress);
      double rawSeconds = seconds(started);
      long rawEvents = rawResult.ingest().eventsRead();
      figures.put("raw_customers", rawCustomers);
      figures.put("raw_events", rawEvents);
      figures.put("raw_full_run_seconds", rawSeconds);
      figures.put("raw_stage_seconds", rawProgress.durations());
      figures.put("raw_events_per_second", rawEvents / rawSeconds);
      figures.put("raw_journeys_grouping", rawResult.journeys().grouping());
      System.out.printf(Locale.ROOT, "%nRaw exports of %,d customers (%,d events): read, stitched and analysed in %.1fs "
          + "(%,.0f events/s)%n", rawCustomers, rawEvents, rawSeconds, rawEvents / rawSeconds);
    }
    System.out.printf(Locale.ROOT, "%nOn %,d events (%d cores, Spark %s):%n", events,
        Runtime.getRuntime().availableProcessors(), spark.sparkContext().master());
    System.out.printf(Locale.ROOT, "  journeys, full analysis:          %7.1fs  (%,.0f events/s; first run in this JVM: %.1fs)%n",
        ours, events / ours, oursFirst);
    System.out.printf(Locale.ROOT, "  DuckDB, bare directly-follows:    %7.1fs  (%,.0f events/s; median of %d runs: %s)%n",
        duckDb, events / duckDb, DUCKDB_RUNS, java.util.Arrays.toString(duckDbRuns));
    if (duckDbVariantsFailure == null) {
      System.out.printf(Locale.ROOT, "  DuckDB, variants per customer:    %7.1fs  (median of %d runs: %s)%n",
          duckDbVariantSeconds, DUCKDB_RUNS, java.util.Arrays.toString(duckDbVariantRuns));
      System.out.printf(Locale.ROOT, "  ratio journeys / DuckDB:          %7.2f (directly-follows), %.2f (both queries)%n",
          ours / duckDb, ours / (duckDb + duckDbVariantSeconds));
    } else {
      System.out.printf(Locale.ROOT, "  DuckDB, variants per customer:    %s (memory limit %s)%n",
          duckDbVariantsFailure, duckDbMemoryLimit());
      System.out.printf(Locale.ROOT, "  ratio journeys / DuckDB:          %7.2f (directly-follows)%n", ours / duckDb);
    }
    return figures;
  }

  /** Writes the sample customers as Parquet, generated in parallel: each customer depends only on its number. */
  static void generate(SparkSession spark, long customers, Path input) {
    FlatMapFunction<java.util.Iterator<Long>, Row> toEvents = ids -> {
      SampleJourneys model = new SampleJourneys(42);
      List<Row> rows = new ArrayList<>();
      return new java.util.Iterator<Row>() {
        int next;

        @Override
        public boolean hasNext() {
          while (next == rows.size() && ids.hasNext()) {
            rows.clear();
            next = 0;
            model.customer(ids.next(), (customer, ts, touchpoint, channel, owner, assisted) -> rows.add(
                RowFactory.create(null, customer, null, ts, touchpoint, channel, owner, "sample", 0, (long) rows.size(),
                    assisted)));
          }
          return next < rows.size();
        }

        @Override
        public Row next() {
          return rows.get(next++);
        }
      };
    };
    spark.range(0, customers, 1, Math.max(2, (int) (customers / 200_000))).as(org.apache.spark.sql.Encoders.LONG())
        .mapPartitions((org.apache.spark.api.java.function.MapPartitionsFunction<Long, Row>) toEvents::call,
            ExpressionEncoder.apply(OutputSchema.EVENT))
        .write().mode("overwrite").parquet(input.toString());
  }

  /** Runs one of the queries above on the Parquet files and returns how many rows it gave. */
  static long duckDbCount(String query, Path input) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
         Statement s = c.createStatement()) {
      // DuckDB keeps its own default memory limit (80% of the machine's memory) and gets a folder to spill to.
      s.execute("SET preserve_insertion_order=false");
      s.execute("SET temp_directory='" + input.resolveSibling("duckdb-spill") + "'");
      try (ResultSet r = s.executeQuery("SELECT count(*) FROM (" + String.format(query, input) + ")")) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  /** DuckDB's memory limit, as it reports it. */
  static String duckDbMemoryLimit() {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
         Statement s = c.createStatement();
         ResultSet r = s.executeQuery("SELECT current_setting('memory_limit')")) {
      r.next();
      return r.getString(1);
    } catch (java.sql.SQLException e) {
      return "unknown: " + e.getMessage();
    }
  }

  /** The median; of an even number of values, the mean of the middle two. */
  static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
