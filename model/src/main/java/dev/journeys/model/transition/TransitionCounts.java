package dev.journeys.model.transition;

import dev.journeys.model.journey.Fate;
import dev.journeys.model.variant.VariantCounts;
import java.io.Serial;
import java.io.Serializable;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Transition counts are everything the kernel counted over some customers: stats per transition, per
 * touchpoint and per variant, and totals of events, customers and journeys by fate. They merge across
 * partitions.
 */
public final class TransitionCounts implements Serializable {

  @Serial private static final long serialVersionUID = 1L;

  private final int windows;
  private final Map<TransitionKey, TransitionStats> transitions = new HashMap<>();
  private final Map<String, TouchpointStats> touchpoints = new HashMap<>();
  private final Map<TransitionKey, TransitionStats> ownerPairs = new HashMap<>();
  private long events;
  private long customers;
  private final long[] journeysByFate = new long[Fate.values().length];
  private final VariantCounts variants = new VariantCounts();
  // With stages: passages between stages (START and END included), and journeys per stage and fate.
  private final Map<TransitionKey, TransitionStats> stagePassages = new HashMap<>();
  private final Map<String, long[]> journeysByStage = new java.util.TreeMap<>();
  private final ContactCounts contacts;
  private final Map<String, ConversionTimes> conversionTimes = new java.util.TreeMap<>();
  // With segments: the same counts over each segment's customers alone, by the segment's value.
  private final Map<String, TransitionCounts> segments = new java.util.TreeMap<>();

  public TransitionCounts(int windows) {
    this.windows = windows;
    this.contacts = new ContactCounts(windows);
  }

  /** The time to convert of the journeys that reached {@code goal} (their first goal event). */
  public ConversionTimes conversionTimes(String goal) {
    return conversionTimes.computeIfAbsent(goal, k -> new ConversionTimes());
  }

  /** Every goal reached, by name, with its journeys' times to convert. */
  public Map<String, ConversionTimes> conversionTimes() {
    return Collections.unmodifiableMap(conversionTimes);
  }

  /** The counts over the customers of segment {@code value} alone, made empty the first time. */
  public TransitionCounts segment(String value) {
    return segments.computeIfAbsent(value, k -> new TransitionCounts(windows));
  }

  /** Every segment's counts, by value in natural order; empty when the run has no segments. */
  public Map<String, TransitionCounts> segments() {
    return Collections.unmodifiableMap(segments);
  }

  /** The contacts that brought customers back (DESIGN.md, "What brings customers back"). */
  public ContactCounts contacts() {
    return contacts;
  }

  public int windows() {
    return windows;
  }

  public TransitionStats transition(String from, String to) {
    return transitions.computeIfAbsent(new TransitionKey(from, to), k -> new TransitionStats(windows));
  }

  /** Passages from a touchpoint owned by {@code from} to one owned by {@code to} (both known). */
  public TransitionStats ownerPair(String from, String to) {
    return ownerPairs.computeIfAbsent(new TransitionKey(from, to), k -> new TransitionStats(windows));
  }

  public Map<TransitionKey, TransitionStats> ownerPairs() {
    return Collections.unmodifiableMap(ownerPairs);
  }

  /**
   * Passages from one stage to the next over a customer's events ({@code START} and {@code END} included): its
   * drop-off counts are the stall counts (the second event's journey decided, and dropped).
   */
  public TransitionStats stagePassage(String from, String to) {
    return stagePassages.computeIfAbsent(new TransitionKey(from, to), k -> new TransitionStats(windows));
  }

  public Map<TransitionKey, TransitionStats> stagePassages() {
    return Collections.unmodifiableMap(stagePassages);
  }

  /** Adds journeys of {@code stage} by fate (indexed by {@link Fate#ordinal()}). */
  public void addStageJourneys(String stage, long[] byFate) {
    long[] counts = journeysByStage.computeIfAbsent(stage, k -> new long[Fate.values().length]);
    for (int i = 0; i < byFate.length; i++) {
      counts[i] += byFate[i];
    }
  }

  /** Journeys per stage (in order of name) by fate (indexed by {@link Fate#ordinal()}); empty without stages. */
  public Map<String, long[]> journeysByStage() {
    return Collections.unmodifiableMap(journeysByStage);
  }

  public TouchpointStats touchpoint(String name) {
    return touchpoints.computeIfAbsent(name, k -> new TouchpointStats());
  }

  public void addTotals(long events, long customers, long[] journeysByFate) {
    this.events += events;
    this.customers += customers;
    for (int i = 0; i < journeysByFate.length; i++) {
      this.journeysByFate[i] += journeysByFate[i];
    }
  }

  public void merge(TransitionCounts other) {
    if (other.windows != windows) {
      throw new IllegalArgumentException("Cannot merge counts of " + other.windows + " windows into " + windows);
    }
    other.transitions.forEach((key, stats) -> transition(key.from(), key.to()).merge(stats));
    other.touchpoints.forEach((name, stats) -> touchpoint(name).merge(stats));
    other.ownerPairs.forEach((key, stats) -> ownerPair(key.from(), key.to()).merge(stats));
    other.stagePassages.forEach((key, stats) -> stagePassage(key.from(), key.to()).merge(stats));
    other.journeysByStage.forEach(this::addStageJourneys);
    contacts.merge(other.contacts);
    other.conversionTimes.forEach((goal, times) -> conversionTimes(goal).merge(times));
    addTotals(other.events, other.customers, other.journeysByFate);
    variants.merge(other.variants);
    other.segments.forEach((value, counts) -> segment(value).merge(counts));
  }

  /** The variants counted, unless there were too many of them (see {@link VariantCounts#overflowed()}). */
  public VariantCounts variants() {
    return variants;
  }

  public boolean isEmpty() {
    return transitions.isEmpty() && events == 0;
  }

  public Map<TransitionKey, TransitionStats> transitions() {
    return Collections.unmodifiableMap(transitions);
  }

  public Map<String, TouchpointStats> touchpoints() {
    return Collections.unmodifiableMap(touchpoints);
  }

  public long events() {
    return events;
  }

  public long customers() {
    return customers;
  }

  public long journeys() {
    long sum = 0;
    for (long n : journeysByFate) {
      sum += n;
    }
    return sum;
  }

  public long journeys(Fate fate) {
    return journeysByFate[fate.ordinal()];
  }
}
