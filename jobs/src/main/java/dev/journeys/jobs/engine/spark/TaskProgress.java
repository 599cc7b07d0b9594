package dev.journeys.jobs.engine.spark;

import dev.journeys.jobs.io.Progress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/** Shows how far a long stage has got: Spark tasks done of tasks submitted, every so often. */
public final class TaskProgress extends SparkListener implements AutoCloseable {

  private static final long EVERY_SECONDS = 15;

  private final SparkContext spark;
  private final AtomicLong submitted = new AtomicLong();
  private final AtomicLong done = new AtomicLong();
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "journeys-progress");
    t.setDaemon(true);
    return t;
  });

  public TaskProgress(SparkContext spark, Progress progress) {
    this.spark = spark;
    spark.addSparkListener(this);
    ticker.scheduleAtFixedRate(() -> progress.tick(String.format(java.util.Locale.ROOT, "%,d of %,d Spark tasks done",
        done.get(), submitted.get())), EVERY_SECONDS, EVERY_SECONDS, TimeUnit.SECONDS);
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted stageSubmitted) {
    submitted.addAndGet(stageSubmitted.stageInfo().numTasks());
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    done.incrementAndGet();
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    spark.removeSparkListener(this);
  }
}
