package dev.journeys.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.journeys.jobs.RunJob;
import dev.journeys.jobs.cli.DemoCommand;
import dev.journeys.jobs.cli.RunOptions;
import dev.journeys.jobs.generate.SampleJourneys;
import dev.journeys.jobs.io.EventColumns;
import dev.journeys.jobs.io.Sparks;
import dev.journeys.jobs.report.Progress;
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
 * our full analysis on it and DuckDB's bare directly-follows counts on the same files, and prints
 * both times and their ratio. Run it with {@code ./journeys benchmark [--events N] [--dir DIR]}.
 */
public final class DirectlyFollowsBenchmark {

  static final String DUCKDB_DIRECTLY_FOLLOWS = """
      SELECT a, b, count(*) AS passages FROM (
        SELECT touchpoint AS a,
               lead(touchpoint) OVER (PARTITION BY customer_id ORDER BY ts, source_order, seq) AS b
        FROM read_parquet('%s/*.parquet'))
      WHERE b IS NOT NULL GROUP BY a, b""";

  /** The sample model's mean events per customer, to size the log. */
  static final double EVENTS_PER_CUSTOMER = 7.66;
  static final int DUCKDB_RUNS = 3;

  public static void main(String[] args) throws Exception {
    long events = 10_000_000;
    Path dir = Path.of("/tmp/journeys-benchmark");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--events" -> events = Long.parseLong(args[++i].replace("_", ""));
        case "--dir" -> dir = Path.of(args[++i]);
        default -> {
          System.err.println("usage: ./journeys benchmark [--events N] [--dir DIR]");
          System.exit(2);
        }
      }
    }
    SparkSession spark = Sparks.session("journeys benchmark");
    try {
      run(spark, events, dir.toAbsolutePath());
    } finally {
      spark.stop();
    }
  }

  static void run(SparkSession spark, long targetEvents, Path dir) throws Exception {
    Path input = dir.resolve("events.parquet");
    long customers = Math.max(1, Math.round(targetEvents / EVENTS_PER_CUSTOMER));
    long started = System.nanoTime();
    generate(spark, customers, input);
    long events = spark.read().parquet(input.toString()).count();
    System.out.printf(Locale.ROOT, "Generated %,d events of %,d customers in %s (%.1fs)%n", events, customers, input,
        seconds(started));

    RunOptions options = new RunOptions();
    new CommandLine(options).parseArgs(DemoCommand.demoArguments().toArray(String[]::new));
    started = System.nanoTime();
    Progress progress = new Progress(System.out);
    RunJob.run(spark, options.toConfig(List.of(input.toString()), dir.resolve("out").toString()), progress);
    double ours = seconds(started);

    // DuckDB's time is the median of a few runs: its first read of the files is the noisiest.
    double[] duckDbRuns = new double[DUCKDB_RUNS];
    long pairs = 0;
    for (int i = 0; i < DUCKDB_RUNS; i++) {
      started = System.nanoTime();
      pairs = duckDbDirectlyFollows(input);
      duckDbRuns[i] = seconds(started);
    }
    double[] sorted = duckDbRuns.clone();
    java.util.Arrays.sort(sorted);
    double duckDb = sorted[DUCKDB_RUNS / 2];

    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("events", events);
    figures.put("customers", customers);
    figures.put("cores", Runtime.getRuntime().availableProcessors());
    figures.put("journeys_full_analysis_seconds", ours);
    figures.put("journeys_stage_seconds", progress.durations());
    figures.put("duckdb_directly_follows_seconds", duckDb);
    figures.put("duckdb_directly_follows_runs_seconds", duckDbRuns);
    figures.put("duckdb_transitions", pairs);
    figures.put("ratio_journeys_to_duckdb", ours / duckDb);
    figures.put("journeys_events_per_second", events / ours);
    figures.put("duckdb_events_per_second", events / duckDb);
    Files.writeString(dir.resolve("benchmark.json"),
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(figures));
    System.out.printf(Locale.ROOT, "%nOn %,d events (%d cores):%n", events, Runtime.getRuntime().availableProcessors());
    System.out.printf(Locale.ROOT, "  journeys, full analysis:          %7.1fs  (%,.0f events/s)%n", ours, events / ours);
    System.out.printf(Locale.ROOT, "  DuckDB, bare directly-follows:    %7.1fs  (%,.0f events/s; median of %d runs: %s)%n",
        duckDb, events / duckDb, DUCKDB_RUNS, java.util.Arrays.toString(duckDbRuns));
    System.out.printf(Locale.ROOT, "  ratio journeys / DuckDB:          %7.2f%n", ours / duckDb);
    System.out.println("Figures in " + dir.resolve("benchmark.json"));
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
            ExpressionEncoder.apply(EventColumns.EVENT))
        .write().mode("overwrite").parquet(input.toString());
  }

  static long duckDbDirectlyFollows(Path input) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
         Statement s = c.createStatement();
         ResultSet r = s.executeQuery("SELECT count(*), sum(passages) FROM (" + String.format(DUCKDB_DIRECTLY_FOLLOWS, input) + ")")) {
      r.next();
      return r.getLong(1);
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
