package dev.journeys.jobs.io;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Shows each stage as it starts and ends, with its time, and keeps the durations for the manifest. */
public final class Progress {

  private final PrintStream out;
  private final long started = System.nanoTime();
  private final Map<String, Double> durations = new LinkedHashMap<>();
  private String stage;
  private long stageStarted;

  public Progress(PrintStream out) {
    this.out = out;
  }

  /** A progress that prints nothing, for tests. */
  public static Progress silent() {
    return new Progress(null);
  }

  public synchronized void stage(String name, String what) {
    stage = name;
    stageStarted = System.nanoTime();
    if (out != null) {
      out.printf(Locale.ROOT, "[%6.1fs] %-12s %s ...%n", elapsed(started), name, what);
      out.flush();
    }
  }

  public synchronized void done(String result) {
    double seconds = elapsed(stageStarted);
    durations.put(stage, seconds);
    if (out != null) {
      out.printf(Locale.ROOT, "[%6.1fs] %-12s %s (%.1fs)%n", elapsed(started), stage, result, seconds);
      out.flush();
    }
  }

  /** Says something the user should know about the current stage, at once. */
  public synchronized void note(String text) {
    if (out != null) {
      out.printf(Locale.ROOT, "[%6.1fs] %-12s note: %s%n", elapsed(started), stage, text);
      out.flush();
    }
  }

  /** Says how the current stage is getting on, once it has run for a while. */
  public synchronized void tick(String status) {
    if (out != null && stage != null && !durations.containsKey(stage) && elapsed(stageStarted) >= 10) {
      out.printf(Locale.ROOT, "[%6.1fs] %-12s ... %s%n", elapsed(started), stage, status);
      out.flush();
    }
  }

  public Map<String, Double> durations() {
    return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(durations));
  }

  public double totalSeconds() {
    return elapsed(started);
  }

  private static double elapsed(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
