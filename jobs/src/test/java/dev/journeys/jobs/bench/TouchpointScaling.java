package dev.journeys.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.journeys.jobs.cli.RunOptions;
import dev.journeys.jobs.config.RunConfig;
import dev.journeys.jobs.io.Progress;
import dev.journeys.jobs.io.RunFolder;
import dev.journeys.jobs.run.RunJob;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;

/**
 * Times the whole analysis, and its journeys stage, against the number of distinct touchpoints (a log whose
 * paths carry ids): a CSV of N/2 customers with two touchpoints of their own each, so N distinct
 * touchpoints and 1.5 N transitions, run in this JVM ({@code --engine local}) three times per size; the
 * median goes to {@code DIR/touchpoints.json}. Linear cost shows as a flat time per touchpoint.
 * Run it with {@code ./journeys benchmark --touchpoints 50000,100000,200000,1000000}.
 */
final class TouchpointScaling {

  static final int RUNS = 3;

  private TouchpointScaling() {}

  static Map<String, Object> measure(List<Integer> sizes, Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Map<String, Object>> rows = new ArrayList<>();
    System.out.printf("%nDistinct touchpoints against time (whole analysis in this JVM, median of %d runs)%n", RUNS);
    System.out.printf("  %12s %12s %12s %14s %16s%n", "touchpoints", "analysis s", "journeys s", "graph s",
        "µs / touchpoint");
    for (int n : sizes) {
      Path csv = dir.resolve("touchpoints-" + n + ".csv");
      write(csv, n);
      List<Double> totals = new ArrayList<>();
      List<Double> journeys = new ArrayList<>();
      List<Double> graph = new ArrayList<>();
      for (int run = 0; run < RUNS; run++) {
        Path out = dir.resolve("touchpoints-out");
        RunFolder.delete(out);
        RunOptions options = new RunOptions();
        new CommandLine(options).parseArgs();
        RunConfig config = options.toConfig(List.of(csv.toString()), out.toString());
        Progress progress = Progress.silent();
        long start = System.nanoTime();
        RunJob.runLocal(config, progress);
        totals.add((System.nanoTime() - start) / 1e9);
        journeys.add(progress.durations().getOrDefault("journeys", 0.0));
        graph.add(progress.durations().getOrDefault("graph", 0.0));
      }
      double total = median(totals);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("touchpoints", n);
      row.put("analysis_seconds", total);
      row.put("journeys_seconds", median(journeys));
      row.put("graph_seconds", median(graph));
      row.put("runs", totals);
      rows.add(row);
      System.out.printf(Locale.ROOT, "  %,12d %12.2f %12.2f %14.2f %16.1f%n", n, total, median(journeys), median(graph),
          1e6 * total / n);
      Files.delete(csv);
    }
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("touchpoint_scaling", rows);
    figures.put("java", System.getProperty("java.version"));
    figures.put("cores", Runtime.getRuntime().availableProcessors());
    Files.writeString(dir.resolve("touchpoints.json"),
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(figures));
    System.out.println("Written to " + dir.resolve("touchpoints.json"));
    return figures;
  }

  static void write(Path csv, int touchpoints) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(csv)) {
      w.write("case_id,activity,timestamp\n");
      for (int i = 0; i < touchpoints / 2; i++) {
        w.write("c" + i + ",web:/order/" + (2 * i) + ",2026-01-01T00:00:00Z\n");
        w.write("c" + i + ",web:/order/" + (2 * i + 1) + ",2026-01-01T00:01:00Z\n");
      }
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int m = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(m) : (sorted.get(m - 1) + sorted.get(m)) / 2;
  }
}
