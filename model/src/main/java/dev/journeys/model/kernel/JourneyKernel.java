package dev.journeys.model.kernel;

import dev.journeys.model.event.Touchpoint;
import dev.journeys.model.journey.Fate;
import dev.journeys.model.journey.JourneyRules;
import dev.journeys.model.journey.Stages;
import dev.journeys.model.metric.Durations;
import dev.journeys.model.primitive.LongSet;
import dev.journeys.model.transition.ConversionTimes;
import dev.journeys.model.transition.TouchpointStats;
import dev.journeys.model.transition.TransitionCounts;
import dev.journeys.model.transition.TransitionStats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The journey kernel streams customers one at a time: it cuts each customer's ordered events into
 * journeys, judges their fates at the cut-off, and counts every passage with its drop-off and
 * repeat-contact flags. Events must arrive grouped by customer and ordered inside the customer by
 * (timestamp, source order, sequence) — by case first when journeys are per case.
 *
 * <p>It is the hot loop of every job: per event it stores a few primitives in reused arrays; names
 * become small ints once, and counts are kept per transition id until {@link #counts()}.
 *
 * <p>Events may carry attributes (a map of names to values, or null): a journey takes, per attribute, the first
 * value its events hold, and with {@link JourneyRules#segmentBy()} a customer belongs to the segment of the first
 * value of that attribute among its events in time order ({@link #NO_SEGMENT} without one). Each segment's customers
 * are then also counted alone, by a kernel of their own, as if the run had read only them
 * ({@link TransitionCounts#segments()}).
 */
public final class JourneyKernel {

  /**
   * Receives each journey as the kernel closes it: its stage is null without stages, its attributes null when its
   * events hold none, its segment (its customer's) null without segments.
   */
  @FunctionalInterface
  public interface JourneySink {
    void accept(String customerId, int index, String caseId, long startMicros, long endMicros, Fate fate,
        String[] touchpoints, String stage, Map<String, String> attributes, String segment);
  }

  /** The segment of customers none of whose events holds the attribute segments are made by. */
  public static final String NO_SEGMENT = "(none)";
  /** Segments are a few groups of customers: more distinct values than this in one kernel is an error. */
  public static final int MAX_SEGMENTS = 100;

  private static final int START = 0;
  private static final int END = 1;

  private final JourneyRules rules;
  private final long cutoffMicros;
  private final long inactivityMicros;
  private final long maxDurationMicros;
  private final long[] windowMicros;
  private final JourneySink sink;

  private final Interner touchpoints = new Interner();
  private final Interner channels = new Interner();
  private final Interner owners = new Interner();
  private final BitSet goals = new BitSet();
  private final BitSet starts = new BitSet();
  private final PairTally transitions;
  // Passages between owners (both known), keyed by the owner pair; same-owner pairs too, to compare hand-offs with.
  private final PairTally ownerPairs;
  private final List<TouchpointStats> touchpointStats = new ArrayList<>();
  private final LongSet seenInJourney = new LongSet();
  private final LongSet seenInCustomer = new LongSet();
  private final VariantTally variants = new VariantTally();

  // With stages: each touchpoint id's stage, each stage's goals (touchpoint ids), stage passages keyed by stage
  // index + 2 (START 0, END 1), journeys per stage and fate, and the fate of each buffered event's journey.
  private final Stages stages;
  private int[] stageOf = new int[16];
  private final BitSet[] stageGoals;
  private final PairTally stagePassages;
  private final long[][] journeysByStage;
  private byte[] eventFate = new byte[64];

  // The buffered customer, in reused arrays.
  private String customer;
  private int n;
  private long[] ts = new long[64];
  private int[] tp = new int[64];
  private int[] channel = new int[64];
  private int[] owner = new int[64];
  private boolean[] assisted = new boolean[64];
  private String[] cases = new String[64];
  private final RepeatContacts repeats;
  private byte[] repeatFlags;
  // The buffer's positions in time order: the identity, but when journeys are per case and cases interleave.
  private int[] order = new int[64];
  private final ContactTally contacts;
  // Per goal touchpoint id (null for the others): the times to convert of the journeys that reached it.
  private final List<ConversionTimes> conversionTimes = new ArrayList<>();

  // Touchpoint combinations declared ahead (see declare), by handle; the arrays grow by doubling.
  private int declared;
  private int[] declaredTouchpoint = new int[16];
  private int[] declaredChannel = new int[16];
  private int[] declaredOwner = new int[16];

  // Each buffered event's attributes (null: none), and whether the buffered customer's events hold any.
  private Map<String, String>[] attributes = newAttributes(64);
  private boolean anyAttributes;
  // With segments: a kernel per segment value, fed each of its customers after this kernel has counted them.
  private final String segmentBy;
  private final Map<String, JourneyKernel> segments = new TreeMap<>();

  private long events;
  private long customers;
  private final long[] journeysByFate = new long[Fate.values().length];

  public JourneyKernel(JourneyRules rules, long cutoffMicros, JourneySink sink) {
    this.rules = Objects.requireNonNull(rules);
    this.cutoffMicros = cutoffMicros;
    this.inactivityMicros = Durations.micros(rules.inactivity());
    this.maxDurationMicros = rules.maxDuration() == null ? Long.MAX_VALUE : Durations.micros(rules.maxDuration());
    this.windowMicros = rules.repeatWindows().stream().mapToLong(w -> w.micros()).toArray();
    this.sink = sink;
    this.segmentBy = rules.segmentBy();
    this.repeats = new RepeatContacts(windowMicros);
    this.contacts = new ContactTally(windowMicros, cutoffMicros);
    this.transitions = new PairTally(windowMicros.length);
    this.ownerPairs = new PairTally(windowMicros.length);
    this.repeatFlags = new byte[windowMicros.length];
    this.stages = rules.stages();
    this.stageGoals = new BitSet[stages == null ? 0 : stages.size()];
    for (int st = 0; st < stageGoals.length; st++) {
      stageGoals[st] = new BitSet();
    }
    this.stagePassages = stages == null ? null : new PairTally(windowMicros.length);
    this.journeysByStage = stages == null ? null : new long[stages.size()][Fate.values().length];
    touchpoints.id(Touchpoint.START_NAME);
    touchpoints.id(Touchpoint.END_NAME);
    touchpointStats.add(null);
    touchpointStats.add(null);
  }

  /** Adds the next event; a new customer id closes the previous customer. */
  public void add(String customerId, String caseId, long tsMicros, String touchpoint, String channelName,
      String ownerName, boolean isAssisted) {
    add(customerId, caseId, tsMicros, touchpoint, channelName, ownerName, isAssisted, null);
  }

  /** As above, with the event's attributes (null: none). */
  public void add(String customerId, String caseId, long tsMicros, String touchpoint, String channelName,
      String ownerName, boolean isAssisted, Map<String, String> eventAttributes) {
    append(customerId, caseId, tsMicros, touchpointId(touchpoint), channels.id(channelName), owners.id(ownerName),
        isAssisted, eventAttributes);
  }

  private void append(String customerId, String caseId, long tsMicros, int touchpoint, int channelId, int ownerId,
      boolean isAssisted, Map<String, String> eventAttributes) {
    if (customer == null || !customer.equals(customerId)) {
      flush();
      customer = customerId;
    } else if (tsMicros < ts[n - 1] && !(rules.perCase() && !Objects.equals(caseId, cases[n - 1]))) {
      throw new IllegalStateException("Events of customer " + customerId + " are not in time order: "
          + touchpoints.name(touchpoint) + " at " + tsMicros + " follows " + ts[n - 1]);
    }
    if (n == ts.length) {
      growBuffer();
    }
    ts[n] = tsMicros;
    tp[n] = touchpoint;
    channel[n] = channelId;
    owner[n] = ownerId;
    assisted[n] = isAssisted;
    cases[n] = caseId;
    if (eventAttributes != null) {
      attributes[n] = eventAttributes;
      anyAttributes = true;
    }
    n++;
  }

  /**
   * Declares a (touchpoint, channel, owner) combination ahead of the events, so that a job that has
   * encoded them as small ints can pass the returned handle to {@link #add(String, String, long, int, boolean)}
   * and skip the per-event name look-ups. Handles are 0, 1, 2, … in declaration order.
   */
  public int declare(String touchpoint, String channelName, String ownerName) {
    int handle = declared++;
    if (handle == declaredTouchpoint.length) {
      int size = handle * 2;
      declaredTouchpoint = Arrays.copyOf(declaredTouchpoint, size);
      declaredChannel = Arrays.copyOf(declaredChannel, size);
      declaredOwner = Arrays.copyOf(declaredOwner, size);
    }
    declaredTouchpoint[handle] = touchpointId(touchpoint);
    declaredChannel[handle] = channels.id(channelName);
    declaredOwner[handle] = owners.id(ownerName);
    return handle;
  }

  /** Adds the next event by the handle of its declared touchpoint combination. */
  public void add(String customerId, String caseId, long tsMicros, int handle, boolean isAssisted) {
    add(customerId, caseId, tsMicros, handle, isAssisted, null);
  }

  /** As above, with the event's attributes (null: none). */
  public void add(String customerId, String caseId, long tsMicros, int handle, boolean isAssisted,
      Map<String, String> eventAttributes) {
    append(customerId, caseId, tsMicros, declaredTouchpoint[handle], declaredChannel[handle], declaredOwner[handle],
        isAssisted, eventAttributes);
  }

  /** Closes the buffered customer. Call once after the last event. */
  public void flush() {
    if (n > 0) {
      processCustomer();
    }
    Arrays.fill(cases, 0, n, null);
    if (anyAttributes) {
      Arrays.fill(attributes, 0, n, null);
      anyAttributes = false;
    }
    n = 0;
    customer = null;
  }

  /** Everything counted so far, keyed by names. Call {@link #flush()} first. */
  public TransitionCounts counts() {
    TransitionCounts counts = new TransitionCounts(windowMicros.length);
    for (int id = 2; id < touchpoints.size(); id++) {
      if (touchpointStats.get(id).events() > 0) {
        counts.touchpoint(touchpoints.name(id)).merge(touchpointStats.get(id));
      }
    }
    transitions.forEach((a, b, stats) -> counts.transition(touchpoints.name(a), touchpoints.name(b)).merge(stats));
    ownerPairs.forEach((a, b, stats) -> counts.ownerPair(owners.name(a), owners.name(b)).merge(stats));
    if (stages != null) {
      stagePassages.forEach((a, b, stats) -> counts.stagePassage(stageName(a), stageName(b)).merge(stats));
      for (int st = 0; st < stages.size(); st++) {
        counts.addStageJourneys(stages.name(st), journeysByStage[st]);
      }
    }
    contacts.addTo(counts.contacts(), touchpoints::name, owners::name);
    for (int id = 0; id < conversionTimes.size(); id++) {
      if (conversionTimes.get(id) != null) {
        counts.conversionTimes(touchpoints.name(id)).merge(conversionTimes.get(id));
      }
    }
    counts.addTotals(events, customers, journeysByFate);
    variants.addTo(counts.variants(), touchpoints::name);
    segments.forEach((value, kernel) -> counts.segment(value).merge(kernel.counts()));
    return counts;
  }

  private int touchpointId(String name) {
    int before = touchpoints.size();
    int id = touchpoints.id(name);
    if (id == before) {
      if (rules.goals().contains(name)) {
        goals.set(id);
      }
      if (rules.starts().contains(name)) {
        starts.set(id);
      }
      if (stages != null) {
        if (id == stageOf.length) {
          stageOf = Arrays.copyOf(stageOf, id * 2);
        }
        stageOf[id] = stages.of(name);
        for (int st = 0; st < stageGoals.length; st++) {
          if (stages.goals(st).contains(name)) {
            stageGoals[st].set(id);
          }
        }
      }
      touchpointStats.add(new TouchpointStats());
    }
    return id;
  }

  private void processCustomer() {
    events += n;
    customers++;
    orderInTime();
    String segment = segmentBy == null ? null : segmentOfCustomer();
    repeats.find(ts, assisted, order, n);
    contacts.addCustomer(ts, tp, owner, assisted, order, n);
    seenInCustomer.clear();
    int journeyStart = 0;
    int index = 0;
    for (int i = 1; i <= n; i++) {
      if (i == n || cutsBefore(i, journeyStart)) {
        processJourney(journeyStart, i, index++, segment);
        journeyStart = i;
      }
    }
    if (stages != null) {
      countStagePassages();
    }
    if (segment != null) {
      feed(segmentKernel(segment));
    }
  }

  /** The first value of the attribute segments are made by among the customer's events in time order. */
  private String segmentOfCustomer() {
    if (anyAttributes) {
      for (int k = 0; k < n; k++) {
        Map<String, String> a = attributes[order[k]];
        String value = a == null ? null : a.get(segmentBy);
        if (value != null && !value.isBlank()) {
          return value;
        }
      }
    }
    return NO_SEGMENT;
  }

  private JourneyKernel segmentKernel(String value) {
    JourneyKernel kernel = segments.get(value);
    if (kernel == null) {
      if (segments.size() == MAX_SEGMENTS) {
        throw new IllegalArgumentException("Cannot segment customers by '" + segmentBy + "': it has more than "
            + MAX_SEGMENTS + " values (" + String.join(", ", segments.keySet().stream().limit(5).toList()) + ", "
            + value + ", …); segments compare a few groups of customers: choose an attribute with fewer values");
      }
      kernel = new JourneyKernel(rules.withSegmentBy(null), cutoffMicros, null);
      segments.put(value, kernel);
    }
    return kernel;
  }

  /** Feeds the buffered customer to {@code kernel}, in the order it came, and closes it there. */
  private void feed(JourneyKernel kernel) {
    for (int i = 0; i < n; i++) {
      kernel.add(customer, cases[i], ts[i], touchpoints.name(tp[i]), name(channels, channel[i]),
          name(owners, owner[i]), assisted[i], attributes[i]);
    }
    kernel.flush();
  }

  private static String name(Interner names, int id) {
    return id < 0 ? null : names.name(id);
  }

  /** Per attribute, the first value (not blank) the events from {@code from} to {@code to} hold; null if none. */
  private Map<String, String> journeyAttributes(int from, int to) {
    Map<String, String> values = null;
    for (int i = from; i < to; i++) {
      if (attributes[i] != null) {
        for (Map.Entry<String, String> e : attributes[i].entrySet()) {
          if (e.getValue() != null && !e.getValue().isBlank()) {
            if (values == null) {
              values = new TreeMap<>();
            }
            values.putIfAbsent(e.getKey(), e.getValue());
          }
        }
      }
    }
    return values;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String>[] newAttributes(int size) {
    return (Map<String, String>[]) new Map<?, ?>[size];
  }

  /**
   * Sets {@link #order} to the buffer's positions in time order. Events arrive in time order but when journeys are per
   * case: then cases follow one another and the positions are sorted by time (stable, so ties keep buffer order).
   */
  private void orderInTime() {
    boolean sorted = true;
    for (int i = 0; i < n; i++) {
      order[i] = i;
      sorted &= !rules.perCase() || i == 0 || ts[i] >= ts[i - 1];
    }
    if (!sorted) {
      Integer[] boxed = new Integer[n];
      for (int i = 0; i < n; i++) {
        boxed[i] = i;
      }
      Arrays.sort(boxed, (a, b) -> Long.compare(ts[a], ts[b]));
      for (int i = 0; i < n; i++) {
        order[i] = boxed[i];
      }
    }
  }

  /** The name of a stage passage's end: START, END or a stage. */
  private String stageName(int id) {
    return id == START ? Touchpoint.START_NAME : id == END ? Touchpoint.END_NAME : stages.name(id - 2);
  }

  /**
   * The customer's stage passages, over all its events in time order (across journeys and cases): its first event's
   * stage from START, every change of stage between consecutive events, the last event's stage to END; a silence longer
   * than the inactivity ends the chain (to END) and starts it again (from START), as it cuts journeys. A passage's
   * stall counts when its second event's journey (for END, its first event's) was decided; it stalled when that
   * journey dropped.
   */
  private void countStagePassages() {
    seenInCustomer.clear();
    int first = order[0];
    stagePassage(START, stageOf[tp[first]] + 2, -1, ts[first], eventFate[first]);
    for (int k = 1; k < n; k++) {
      int previous = order[k - 1];
      int i = order[k];
      int from = stageOf[tp[previous]];
      int to = stageOf[tp[i]];
      if (ts[i] - ts[previous] > inactivityMicros) {
        // A silence longer than the inactivity: the customer left and came back, no hand-off between stages.
        stagePassage(from + 2, END, -1, ts[previous], eventFate[previous]);
        stagePassage(START, to + 2, -1, ts[i], eventFate[i]);
      } else if (from != to) {
        stagePassage(from + 2, to + 2, ts[i] - ts[previous], ts[i], eventFate[i]);
      }
    }
    int last = order[n - 1];
    stagePassage(stageOf[tp[last]] + 2, END, -1, ts[last], eventFate[last]);
  }

  private void stagePassage(int a, int b, long gap, long tB, byte fateOrdinal) {
    Fate fate = FATES[fateOrdinal];
    setRepeatFlags(tB);
    int slot = stagePassages.slot(a, b);
    TransitionStats stats = stagePassages.stats(slot);
    stats.addPassage(gap, -1, -1, -1, -1, fate.isDecided(), fate == Fate.DROPPED);
    addRepeats(stats);
    if (seenInCustomer.add(slot)) {
      stats.addJourney(false, false);
      stats.addCustomer();
    }
  }

  private static final Fate[] FATES = Fate.values();

  private ConversionTimes conversionTimes(int goal) {
    while (conversionTimes.size() <= goal) {
      conversionTimes.add(null);
    }
    ConversionTimes times = conversionTimes.get(goal);
    if (times == null) {
      times = new ConversionTimes();
      conversionTimes.set(goal, times);
    }
    return times;
  }

  private boolean cutsBefore(int i, int journeyStart) {
    if (rules.perCase()) {
      return !Objects.equals(cases[i], cases[i - 1]);
    }
    return ts[i] - ts[i - 1] > inactivityMicros
        || goals.get(tp[i - 1])
        || starts.get(tp[i])
        || ts[i] - ts[journeyStart] > maxDurationMicros;
  }

  private void processJourney(int from, int to, int index, String segment) {
    int last = to - 1;
    // A journey is judged against the run's goals, or with stages against its first event's stage's goals.
    int stage = stages == null ? -1 : stageOf[tp[from]];
    BitSet judgedBy = stages == null ? goals : stageGoals[stage];
    boolean judged = stages == null ? rules.judgesFates() : !stages.goals(stage).isEmpty();
    int goalAt = -1;
    for (int i = from; i < to && goalAt < 0; i++) {
      if (judgedBy.get(tp[i])) {
        goalAt = i;
      }
    }
    boolean converted = goalAt >= 0;
    Fate fate;
    if (!judged) {
      fate = Fate.UNJUDGED;
    } else if (converted) {
      fate = Fate.CONVERTED;
      conversionTimes(tp[goalAt]).add(ts[goalAt] - ts[from]);
    } else {
      fate = cutoffMicros - ts[last] > inactivityMicros ? Fate.DROPPED : Fate.PENDING;
    }
    boolean decided = fate.isDecided();
    boolean dropped = fate == Fate.DROPPED;
    journeysByFate[fate.ordinal()]++;
    if (stages != null) {
      journeysByStage[stage][fate.ordinal()]++;
      Arrays.fill(eventFate, from, to, (byte) fate.ordinal());
    }

    seenInJourney.clear();
    passage(START, tp[from], -1, ts[from], -1, -1, -1, -1, decided, dropped, dropped && from == last);
    for (int i = from; i < last; i++) {
      passage(tp[i], tp[i + 1], ts[i + 1] - ts[i], ts[i + 1], owner[i], owner[i + 1], channel[i], channel[i + 1],
          decided, dropped, dropped && i + 1 == last);
    }
    passage(tp[last], END, -1, ts[last], -1, -1, -1, -1, decided, dropped, dropped);
    for (int i = from; i < to; i++) {
      TouchpointStats stats = touchpointStats.get(tp[i]);
      stats.addEvent(seenInJourney.add(-1L - tp[i]), seenInCustomer.add(-1L - tp[i]));
    }

    variants.add(tp, from, to, fate, ts[to - 1] - ts[from]);
    if (sink != null) {
      String[] names = new String[to - from];
      for (int i = from; i < to; i++) {
        names[i - from] = touchpoints.name(tp[i]);
      }
      sink.accept(customer, index, cases[from], ts[from], ts[last], fate, names,
          stages == null ? null : stages.name(stage), anyAttributes ? journeyAttributes(from, to) : null, segment);
    }
  }

  private void passage(int a, int b, long gap, long tB, int ownerA, int ownerB, int channelA, int channelB,
      boolean decided, boolean dropped, boolean droppedAfter) {
    // The passage's repeat flags, looked up once for its transition and its owner pair.
    setRepeatFlags(tB);
    int index = transitions.slot(a, b);
    count(transitions.stats(index), index, gap, ownerA, ownerB, channelA, channelB, decided, dropped, droppedAfter);
    if (ownerA >= 0 && ownerB >= 0) {
      int pair = ownerPairs.slot(ownerA, ownerB);
      count(ownerPairs.stats(pair), OWNER_PAIR_SEEN + pair, gap, ownerA, ownerB, channelA, channelB, decided,
          dropped, droppedAfter);
    }
  }

  /** Per repeat window, for the current passage: its window has not ended by the cut-off, or it has, with or without. */
  private static final byte WINDOW_OPEN = 0;
  private static final byte NO_REPEAT = 1;
  private static final byte REPEAT = 2;

  /** Ids in seenInJourney/seenInCustomer: transitions by index, touchpoints negative, owner pairs from here on. */
  private static final long OWNER_PAIR_SEEN = 1L << 40;

  /** Per window, whether a passage whose second event is at {@code tB} is followed by a repeat contact. */
  private void setRepeatFlags(long tB) {
    for (int w = 0; w < windowMicros.length; w++) {
      repeatFlags[w] = tB > cutoffMicros - windowMicros[w] ? WINDOW_OPEN
          : repeats.within(w, tB) ? REPEAT : NO_REPEAT;
    }
  }

  /** Adds the current passage's repeat flags to {@code stats}: the windows ended by the cut-off only. */
  private void addRepeats(TransitionStats stats) {
    for (int w = 0; w < windowMicros.length; w++) {
      if (repeatFlags[w] != WINDOW_OPEN) {
        stats.addRepeat(w, repeatFlags[w] == REPEAT);
      }
    }
  }

  private void count(TransitionStats stats, long seenId, long gap, int ownerA, int ownerB, int channelA,
      int channelB, boolean decided, boolean dropped, boolean droppedAfter) {
    stats.addPassage(gap, ownerA, ownerB, channelA, channelB, decided, droppedAfter);
    addRepeats(stats);
    if (seenInJourney.add(seenId)) {
      stats.addJourney(decided, dropped);
      if (seenInCustomer.add(seenId)) {
        stats.addCustomer();
      }
    }
  }

  private void growBuffer() {
    int size = ts.length * 2;
    ts = Arrays.copyOf(ts, size);
    tp = Arrays.copyOf(tp, size);
    channel = Arrays.copyOf(channel, size);
    owner = Arrays.copyOf(owner, size);
    assisted = Arrays.copyOf(assisted, size);
    cases = Arrays.copyOf(cases, size);
    attributes = Arrays.copyOf(attributes, size);
    eventFate = Arrays.copyOf(eventFate, size);
    order = Arrays.copyOf(order, size);
  }
}
