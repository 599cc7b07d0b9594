package dev.journeys.jobs.bench;

import dev.journeys.jobs.config.RunConfig;
import dev.journeys.jobs.engine.spark.Sparks;
import dev.journeys.jobs.io.Progress;
import dev.journeys.jobs.run.RunJob;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * How much faster the analysis runs on {@code n} cores than on one, measured side by side in this JVM:
 * in each round a fresh session with {@code local[1]} and one with {@code local[n]} (in alternating
 * order) each run the analysis twice, and the second run is timed. The JIT has compiled the code by
 * then, and the host's load, which drifts on a shared machine, falls on both sides alike.
 *
 * <p>Besides the wall time, each run's CPU time is split into the time Spark's tasks spent on a core and
 * the rest (the JIT compiler, the garbage collector, the driver): on {@code local[1]} the rest runs on
 * the cores the task leaves idle, so it bounds what more cores can gain.
 */
final class CoreScaling {

  /** One timed run: its cores, wall time, the process's CPU time and the CPU time inside Spark's tasks. */
  record Run(int cores, double seconds, double cpuSeconds, double taskCpuSeconds) {

    Map<String, Object> toJson() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("cores", cores);
      json.put("seconds", seconds);
      json.put("cpu_seconds", cpuSeconds);
      json.put("task_cpu_seconds", taskCpuSeconds);
      return json;
    }
  }

  private static final Pattern LOCAL = Pattern.compile("local\\[(\\d+|\\*)(,\\d+)?]|local");

  private CoreScaling() {}

  /** The cores of an embedded master ({@code local}, {@code local[n]}, {@code local[*]}); 0 for a cluster's. */
  static int localCores(String master, int available) {
    Matcher m = LOCAL.matcher(master.trim());
    if (!m.matches()) {
      return 0;
    }
    if (m.group(1) == null) {
      return 1;
    }
    return m.group(1).equals("*") ? available : Integer.parseInt(m.group(1));
  }

  /** The median of the per-round ratios of one-core time to n-core time. */
  static double medianRatio(List<Run> one, List<Run> many) {
    double[] ratios = new double[one.size()];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = one.get(i).seconds() / many.get(i).seconds();
    }
    return DirectlyFollowsBenchmark.median(ratios);
  }

  /** Measures {@code rounds} rounds on 1 and {@code cores} cores; the figures for benchmark.json. */
  static Map<String, Object> measure(RunConfig analysis, int cores, int rounds, PrintStream out)
      throws TimeoutException {
    List<Run> one = new ArrayList<>();
    List<Run> many = new ArrayList<>();
    out.printf(Locale.ROOT, "%nCores, side by side: %d rounds of local[1] and local[%d], fresh sessions, the second of "
        + "two runs timed%n", rounds, cores);
    for (int round = 0; round < rounds; round++) {
      int[] order = round % 2 == 0 ? new int[] {1, cores} : new int[] {cores, 1};
      for (int c : order) {
        Run run = timed(analysis, c);
        (c == 1 ? one : many).add(run);
        out.printf(Locale.ROOT, "  round %d, local[%d]: %6.1fs  (CPU %.1fs, of which in tasks %.1fs)%n", round + 1, c,
            run.seconds(), run.cpuSeconds(), run.taskCpuSeconds());
      }
    }
    double ratio = medianRatio(one, many);
    out.printf(Locale.ROOT, "  local[%d] / local[1]: %.2f× (median of the rounds' ratios)%n", cores, ratio);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("cores", cores);
    json.put("rounds", rounds);
    json.put("median_ratio_one_core_to_many", ratio);
    json.put("one_core_runs", one.stream().map(Run::toJson).toList());
    json.put("many_core_runs", many.stream().map(Run::toJson).toList());
    return json;
  }

  private static Run timed(RunConfig analysis, int cores) throws TimeoutException {
    SparkSession spark = SparkSession.builder().config(Sparks.configure(new SparkConf()
        .setMaster("local[" + cores + "]").setAppName("journeys benchmark, local[" + cores + "]")
        .set("spark.ui.enabled", "false"))).getOrCreate();
    try {
      AtomicLong taskCpuNanos = new AtomicLong();
      spark.sparkContext().addSparkListener(new SparkListener() {
        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
          if (end.taskMetrics() != null) {
            taskCpuNanos.addAndGet(end.taskMetrics().executorCpuTime());
          }
        }
      });
      // A fresh session plans and code-generates anew: its first run warms it, the second is timed.
      RunJob.run(spark, analysis, Progress.silent());
      spark.sparkContext().listenerBus().waitUntilEmpty();
      taskCpuNanos.set(0);
      com.sun.management.OperatingSystemMXBean os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long cpu = os.getProcessCpuTime();
      long started = System.nanoTime();
      RunJob.run(spark, analysis, Progress.silent());
      double seconds = (System.nanoTime() - started) / 1e9;
      double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
      spark.sparkContext().listenerBus().waitUntilEmpty();
      return new Run(cores, seconds, cpuSeconds, taskCpuNanos.get() / 1e9);
    } finally {
      spark.stop();
    }
  }
}
