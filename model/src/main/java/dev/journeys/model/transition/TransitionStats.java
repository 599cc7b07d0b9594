package dev.journeys.model.transition;

import dev.journeys.model.metric.GapBuckets;
import dev.journeys.model.metric.GapDistribution;
import dev.journeys.model.metric.RateCount;
import java.io.Serial;
import java.io.Serializable;

/**
 * Transition stats are the mergeable counts of one transition's passages: the state from which
 * {@link Transition} derives its rates. The kernel fills them; Spark merges them across partitions.
 */
public final class TransitionStats implements Serializable {

  @Serial private static final long serialVersionUID = 1L;

  long passages;
  long journeys;
  long customers;
  final GapDistribution gaps = new GapDistribution();
  final long[] gapBuckets = new long[GapBuckets.COUNT];
  long ownerKnown;
  long handoffs;
  long channelKnown;
  long channelSwitches;
  long dropDecided;
  long dropHits;
  long eventualDecided;
  long eventualHits;
  final long[] repeatDecided;
  final long[] repeatHits;

  public TransitionStats(int windows) {
    repeatDecided = new long[windows];
    repeatHits = new long[windows];
  }

  public void merge(TransitionStats other) {
    passages += other.passages;
    journeys += other.journeys;
    customers += other.customers;
    gaps.merge(other.gaps);
    for (int i = 0; i < gapBuckets.length; i++) {
      gapBuckets[i] += other.gapBuckets[i];
    }
    ownerKnown += other.ownerKnown;
    handoffs += other.handoffs;
    channelKnown += other.channelKnown;
    channelSwitches += other.channelSwitches;
    dropDecided += other.dropDecided;
    dropHits += other.dropHits;
    eventualDecided += other.eventualDecided;
    eventualHits += other.eventualHits;
    for (int w = 0; w < repeatDecided.length; w++) {
      repeatDecided[w] += other.repeatDecided[w];
      repeatHits[w] += other.repeatHits[w];
    }
  }

  /** Counts one passage; {@code gapMicros} is negative for passages from START or into END. */
  public void addPassage(long gapMicros, int ownerFrom, int ownerTo, int channelFrom, int channelTo,
      boolean decided, boolean droppedAfter) {
    passages++;
    if (gapMicros >= 0) {
      gaps.add(gapMicros);
      gapBuckets[GapBuckets.of(gapMicros)]++;
      if (ownerFrom >= 0 && ownerTo >= 0) {
        ownerKnown++;
        if (ownerFrom != ownerTo) {
          handoffs++;
        }
      }
      if (channelFrom >= 0 && channelTo >= 0) {
        channelKnown++;
        if (channelFrom != channelTo) {
          channelSwitches++;
        }
      }
    }
    if (decided) {
      dropDecided++;
      if (droppedAfter) {
        dropHits++;
      }
    }
  }

  public void addRepeat(int window, boolean hit) {
    repeatDecided[window]++;
    if (hit) {
      repeatHits[window]++;
    }
  }

  /** Counts a journey that passes this transition at least once. */
  public void addJourney(boolean decided, boolean dropped) {
    journeys++;
    if (decided) {
      eventualDecided++;
      if (dropped) {
        eventualHits++;
      }
    }
  }

  public void addCustomer() {
    customers++;
  }

  public long passages() {
    return passages;
  }

  public long journeys() {
    return journeys;
  }

  public long customers() {
    return customers;
  }

  public GapDistribution gaps() {
    return gaps;
  }

  /** The gaps counted per {@link GapBuckets} bucket. */
  public long[] gapBuckets() {
    return gapBuckets.clone();
  }

  /** Share of passages whose two touchpoints have different owners, or null when owners are unknown. */
  public Double handoffShare() {
    return ownerKnown == 0 ? null : (double) handoffs / ownerKnown;
  }

  /** Share of passages whose two touchpoints are on different channels, or null when channels are unknown. */
  public Double channelSwitchShare() {
    return channelKnown == 0 ? null : (double) channelSwitches / channelKnown;
  }

  public RateCount dropOff() {
    return new RateCount(dropHits, dropDecided);
  }

  public RateCount eventualDropOff() {
    return new RateCount(eventualHits, eventualDecided);
  }

  public RateCount repeatContact(int window) {
    return new RateCount(repeatHits[window], repeatDecided[window]);
  }
}
