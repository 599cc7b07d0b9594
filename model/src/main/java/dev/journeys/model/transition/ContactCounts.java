package dev.journeys.model.transition;

import dev.journeys.model.metric.FrequentItems;
import dev.journeys.model.metric.GapDistribution;
import java.io.Serial;
import java.io.Serializable;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Contact counts say which contacts bring customers back (DESIGN.md, "What brings customers back"): per trigger
 * touchpoint (an assisted event P) and repeat window W, the contacts whose window ended by the cut-off and how many
 * of them the customer's next contact R followed within W; per trigger → repeat pair the same repeats, the times to
 * the repeat and the touchpoints between. They merge across partitions.
 */
public final class ContactCounts implements Serializable {

  @Serial private static final long serialVersionUID = 1L;

  /** Counters kept per sequence summary: the most common sequence between is exact up to this many distinct ones. */
  public static final int SEQUENCE_COUNTERS = 64;

  private final int windows;
  private final Map<String, Trigger> triggers = new HashMap<>();
  private final Map<TransitionKey, Repeats> pairs = new HashMap<>();

  public ContactCounts(int windows) {
    this.windows = windows;
  }

  /** The counts of trigger touchpoint {@code touchpoint}: its owners, contacts and repeats. */
  public Trigger trigger(String touchpoint) {
    return triggers.computeIfAbsent(touchpoint, k -> new Trigger(windows));
  }

  /** The repeats of {@code trigger} followed by {@code repeat}. */
  public Repeats pair(String trigger, String repeat) {
    return pairs.computeIfAbsent(new TransitionKey(trigger, repeat), k -> new Repeats(windows));
  }

  public Map<String, Trigger> triggers() {
    return Collections.unmodifiableMap(triggers);
  }

  public Map<TransitionKey, Repeats> pairs() {
    return Collections.unmodifiableMap(pairs);
  }

  public void merge(ContactCounts other) {
    other.triggers.forEach((name, t) -> trigger(name).merge(t));
    other.pairs.forEach((key, r) -> pair(key.from(), key.to()).merge(r));
  }

  /** Repeats, per window: how many, the times to them, and the sequences of touchpoints between. */
  public static class Repeats implements Serializable {

    @Serial private static final long serialVersionUID = 1L;

    final long[] repeats;
    final GapDistribution[] times;
    final FrequentItems<List<String>>[] between;

    @SuppressWarnings("unchecked")
    Repeats(int windows) {
      repeats = new long[windows];
      times = new GapDistribution[windows];
      between = new FrequentItems[windows];
      for (int w = 0; w < windows; w++) {
        times[w] = new GapDistribution();
        between[w] = new FrequentItems<>(SEQUENCE_COUNTERS);
      }
    }

    /**
     * Adds {@code n} repeats in window {@code w}, their times and the sequences between them ({@code names} turns a
     * counted sequence into touchpoint names).
     */
    public <T> void addRepeats(int w, long n, GapDistribution timesToRepeat, FrequentItems<T> stepsBetween,
        Function<T, List<String>> names) {
      repeats[w] += n;
      times[w].merge(timesToRepeat);
      between[w].merge(stepsBetween, names);
    }

    void merge(Repeats other) {
      for (int w = 0; w < repeats.length; w++) {
        repeats[w] += other.repeats[w];
        times[w].merge(other.times[w]);
        between[w].merge(other.between[w]);
      }
    }

    public long repeats(int w) {
      return repeats[w];
    }

    public GapDistribution times(int w) {
      return times[w];
    }

    public FrequentItems<List<String>> between(int w) {
      return between[w];
    }
  }

  /** A trigger touchpoint's contacts per window (those whose window ended by the cut-off), repeats and owners. */
  public static final class Trigger extends Repeats {

    @Serial private static final long serialVersionUID = 1L;

    final long[] contacts;
    final Map<String, Long> owners = new HashMap<>();

    Trigger(int windows) {
      super(windows);
      contacts = new long[windows];
    }

    /** Counts {@code n} contacts in window {@code w}: contacts whose window ended by the cut-off. */
    public void addContacts(int w, long n) {
      contacts[w] += n;
    }

    /** Counts {@code n} contacts of this touchpoint owned by {@code owner} (any window). */
    public void addOwner(String owner, long n) {
      owners.merge(owner, n, Long::sum);
    }

    void merge(Trigger other) {
      super.merge(other);
      for (int w = 0; w < contacts.length; w++) {
        contacts[w] += other.contacts[w];
      }
      other.owners.forEach(this::addOwner);
    }

    public long contacts(int w) {
      return contacts[w];
    }

    /** The owner of most of this touchpoint's contacts (ties by name), or null when none was known. */
    public String owner() {
      String best = null;
      long bestCount = 0;
      for (Map.Entry<String, Long> e : owners.entrySet()) {
        if (best == null || e.getValue() > bestCount || (e.getValue() == bestCount && e.getKey().compareTo(best) < 0)) {
          best = e.getKey();
          bestCount = e.getValue();
        }
      }
      return best;
    }
  }
}
