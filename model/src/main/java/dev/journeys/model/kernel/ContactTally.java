package dev.journeys.model.kernel;

import dev.journeys.model.metric.FrequentItems;
import dev.journeys.model.metric.GapDistribution;
import dev.journeys.model.primitive.LongIntMap;
import dev.journeys.model.transition.ContactCounts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The kernel's count of what brings customers back, by touchpoint ids: each contact (assisted event) P against the
 * customer's next contact R (DESIGN.md, "What brings customers back"). Per window W, P counts when t(P) + W is not
 * after the cut-off, and is a repeat when t(R) − t(P) ≤ W; a repeat's touchpoints strictly between P and R are kept
 * as a sequence of ids, summarised per pair and window.
 */
final class ContactTally {

  private final long[] windowMicros;
  private final long cutoffMicros;
  private final List<TriggerCounts> triggers = new ArrayList<>();
  private final LongIntMap pairIndex = new LongIntMap();
  private final List<PairCounts> pairs = new ArrayList<>();
  private final List<Long> pairKeys = new ArrayList<>();
  private final SequenceKey probe = new SequenceKey();
  private int[] between = new int[16];

  /** Per trigger: its contacts per window and its owners (a trigger's repeats are its pairs', added in addTo). */
  private static final class TriggerCounts {
    final long[] contacts;
    long[] owners = new long[4];

    TriggerCounts(int windows) {
      contacts = new long[windows];
    }
  }

  /** Per trigger → repeat pair: its repeats per window, their times and the sequences between. */
  private static final class PairCounts {
    final long[] repeats;
    final GapDistribution[] times;
    final FrequentItems<SequenceKey>[] between;

    @SuppressWarnings("unchecked")
    PairCounts(int windows) {
      repeats = new long[windows];
      times = new GapDistribution[windows];
      between = new FrequentItems[windows];
      for (int w = 0; w < windows; w++) {
        times[w] = new GapDistribution();
        between[w] = new FrequentItems<>(ContactCounts.SEQUENCE_COUNTERS);
      }
    }

    /** Counts a repeat in window {@code w}; {@code steps} is an immutable key, shared by every count of it. */
    void addRepeat(int w, long micros, SequenceKey steps) {
      repeats[w]++;
      times[w].add(micros);
      between[w].add(steps, 1);
    }
  }

  ContactTally(long[] windowMicros, long cutoffMicros) {
    this.windowMicros = windowMicros;
    this.cutoffMicros = cutoffMicros;
  }

  /**
   * Counts one customer's contacts: {@code order} lists the positions of its {@code n} events in time order (ties
   * in buffer order).
   */
  void addCustomer(long[] ts, int[] tp, int[] owner, boolean[] assisted, int[] order, int n) {
    int previous = -1;
    TriggerCounts previousTrigger = null;
    for (int k = 0; k < n; k++) {
      int i = order[k];
      if (!assisted[i]) {
        continue;
      }
      TriggerCounts trigger = trigger(tp[i]);
      if (owner[i] >= 0) {
        if (owner[i] >= trigger.owners.length) {
          trigger.owners = Arrays.copyOf(trigger.owners, Math.max(owner[i] + 1, trigger.owners.length * 2));
        }
        trigger.owners[owner[i]]++;
      }
      if (previous >= 0) {
        contact(ts, tp, order, previous, k, previousTrigger);
      }
      previous = k;
      previousTrigger = trigger;
    }
    if (previous >= 0) {
      contact(ts, tp, order, previous, -1, previousTrigger);
    }
  }

  /** The contact at order position {@code p} (of {@code trigger}), followed by the next one at {@code r} (-1: none). */
  private void contact(long[] ts, int[] tp, int[] order, int p, int r, TriggerCounts trigger) {
    int iP = order[p];
    PairCounts pair = null;
    SequenceKey steps = null;
    for (int w = 0; w < windowMicros.length; w++) {
      if (ts[iP] > cutoffMicros - windowMicros[w]) {
        continue;
      }
      trigger.contacts[w]++;
      if (r < 0) {
        continue;
      }
      long gap = ts[order[r]] - ts[iP];
      if (gap > windowMicros[w]) {
        continue;
      }
      if (steps == null) {
        int length = r - p - 1;
        if (between.length < length) {
          between = new int[Math.max(length, between.length * 2)];
        }
        for (int k = p + 1; k < r; k++) {
          between[k - p - 1] = tp[order[k]];
        }
        steps = probe.set(between, 0, length).copy();
        pair = pair(tp[iP], tp[order[r]]);
      }
      pair.addRepeat(w, gap, steps);
    }
  }

  private TriggerCounts trigger(int touchpoint) {
    while (triggers.size() <= touchpoint) {
      triggers.add(null);
    }
    TriggerCounts c = triggers.get(touchpoint);
    if (c == null) {
      c = new TriggerCounts(windowMicros.length);
      triggers.set(touchpoint, c);
    }
    return c;
  }

  private PairCounts pair(int trigger, int repeat) {
    long key = ((long) trigger << 32) | (repeat & 0xFFFFFFFFL);
    int i = pairIndex.indexOf(key);
    if (i == pairs.size()) {
      pairs.add(new PairCounts(windowMicros.length));
      pairKeys.add(key);
    }
    return pairs.get(i);
  }

  /** Adds everything counted to {@code counts}, by names ({@code touchpoints} and {@code owners} of the ids). */
  void addTo(ContactCounts counts, IntFunction<String> touchpoints, IntFunction<String> owners) {
    for (int id = 0; id < triggers.size(); id++) {
      TriggerCounts c = triggers.get(id);
      if (c == null) {
        continue;
      }
      ContactCounts.Trigger trigger = counts.trigger(touchpoints.apply(id));
      for (int o = 0; o < c.owners.length; o++) {
        if (c.owners[o] > 0) {
          trigger.addOwner(owners.apply(o), c.owners[o]);
        }
      }
      for (int w = 0; w < windowMicros.length; w++) {
        trigger.addContacts(w, c.contacts[w]);
      }
    }
    for (int i = 0; i < pairs.size(); i++) {
      long key = pairKeys.get(i);
      String trigger = touchpoints.apply((int) (key >>> 32));
      addRepeats(pairs.get(i), counts.pair(trigger, touchpoints.apply((int) key)), touchpoints);
      addRepeats(pairs.get(i), counts.trigger(trigger), touchpoints);
    }
  }

  private void addRepeats(PairCounts c, ContactCounts.Repeats target, IntFunction<String> touchpoints) {
    for (int w = 0; w < windowMicros.length; w++) {
      target.addRepeats(w, c.repeats[w], c.times[w], c.between[w], key -> {
        List<String> names = new ArrayList<>(key.length());
        for (int k = 0; k < key.length(); k++) {
          names.add(touchpoints.apply(key.id(k)));
        }
        return List.copyOf(names);
      });
    }
  }

}
