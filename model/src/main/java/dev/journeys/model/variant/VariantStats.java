package dev.journeys.model.variant;

import dev.journeys.model.journey.Fate;
import dev.journeys.model.metric.GapDistribution;
import java.io.Serial;
import java.io.Serializable;

/** Variant stats are the mergeable counts of one variant's journeys: how many, how they ended, how long they took. */
public final class VariantStats implements Serializable {

  @Serial private static final long serialVersionUID = 1L;

  long journeys;
  long converted;
  long dropped;
  final GapDistribution durations = new GapDistribution();

  public void addJourney(Fate fate, long durationMicros) {
    journeys++;
    if (fate == Fate.CONVERTED) {
      converted++;
    } else if (fate == Fate.DROPPED) {
      dropped++;
    }
    durations.add(durationMicros);
  }

  public void merge(VariantStats other) {
    journeys += other.journeys;
    converted += other.converted;
    dropped += other.dropped;
    durations.merge(other.durations);
  }

  public long journeys() {
    return journeys;
  }

  public long converted() {
    return converted;
  }

  public long dropped() {
    return dropped;
  }

  /** The median journey duration in seconds: exact up to 512 distinct durations, within 0.5% beyond. */
  public double medianDurationSeconds() {
    return durations.quantileSeconds(0.5);
  }
}
