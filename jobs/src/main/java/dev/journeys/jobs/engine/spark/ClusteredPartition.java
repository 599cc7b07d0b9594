package dev.journeys.jobs.engine.spark;

import dev.journeys.model.kernel.JourneyKernel;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Objects;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.util.CollectionAccumulator;

/**
 * One task of {@link ClusteredJourneys}: streams one file's events, as Spark's own rows, through the
 * kernel while checking that they are clustered, and reports the file's customer span and tally. Input
 * columns: customer_id, ts in microseconds, touchpoint, channel, owner, assisted, source_order, seq,
 * whether the row is readable, and the attributes (null unless the rules keep them). Unreadable rows and events after the cut-off are counted, not streamed.
 *
 * <p>Per event it compares the customer with the previous one (bytes, no string made), looks the
 * (touchpoint, channel, owner) combination up in a small open-addressing table (declaring it to the
 * kernel the first time it is seen), and hands the kernel primitives; a Java string is made once per
 * customer.
 */
final class ClusteredPartition {

  private final KernelPartition config;
  private final CollectionAccumulator<ClusteredJourneys.Span> spans;
  private final int partition;

  /** A map of Spark's own (string keys, string values, null values left out) as a Java map. */
  static java.util.Map<String, String> attributes(org.apache.spark.sql.catalyst.util.MapData map) {
    java.util.Map<String, String> values = new java.util.TreeMap<>();
    org.apache.spark.sql.catalyst.util.ArrayData keys = map.keyArray();
    org.apache.spark.sql.catalyst.util.ArrayData vals = map.valueArray();
    for (int i = 0; i < map.numElements(); i++) {
      if (!vals.isNullAt(i)) {
        values.put(keys.getUTF8String(i).toString(), vals.getUTF8String(i).toString());
      }
    }
    return values.isEmpty() ? null : values;
  }

  ClusteredPartition(KernelPartition config, CollectionAccumulator<ClusteredJourneys.Span> spans, int partition) {
    this.config = config;
    this.spans = spans;
    this.partition = partition;
  }

  Iterator<Row> journeys(Iterator<InternalRow> events) {
    ArrayDeque<Row> journeys = new ArrayDeque<>();
    JourneyKernel kernel = config.kernel(journeys);
    Combinations handles = new Combinations(config.combinations());
    long cutoff = config.cutoffMicros();
    boolean withAttributes = config.rules().keepsAttributes();
    return new Iterator<>() {
      private boolean finished;
      private UTF8String customer;
      private String customerName;
      private String first;
      private long ts;
      private int sourceOrder;
      private long seq;
      private long read;
      private long late;
      private long unreadable;
      private long firstTs = Long.MAX_VALUE;
      private long lastTs = Long.MIN_VALUE;

      @Override
      public boolean hasNext() {
        while (journeys.isEmpty() && !finished) {
          if (events.hasNext()) {
            add(events.next());
          } else {
            kernel.flush();
            config.counts().add(kernel.counts());
            spans.add(new ClusteredJourneys.Span(partition, first, customerName, null, read, late, unreadable,
                firstTs, lastTs));
            finished = true;
          }
        }
        return !journeys.isEmpty();
      }

      private void add(InternalRow e) {
        if (e.isNullAt(8) || !e.getBoolean(8)) {
          unreadable++;
          return;
        }
        long t = e.getLong(1);
        read++;
        firstTs = Math.min(firstTs, t);
        lastTs = Math.max(lastTs, t);
        if (t > cutoff) {
          late++;
          return;
        }
        UTF8String c = e.getUTF8String(0);
        int so = e.isNullAt(6) ? Integer.MIN_VALUE : e.getInt(6);
        long sq = e.isNullAt(7) ? Long.MIN_VALUE : e.getLong(7);
        if (customer == null || !customer.equals(c)) {
          if (customer != null && c.compareTo(customer) < 0) {
            stop("customer " + c + " follows customer " + customerName);
            return;
          }
          customer = c.clone();
          customerName = customer.toString();
          if (first == null) {
            first = customerName;
          }
        } else if (t < ts || t == ts && (so < sourceOrder || so == sourceOrder && sq < seq)) {
          stop("the events of customer " + customerName + " are not in time order");
          return;
        }
        ts = t;
        sourceOrder = so;
        seq = sq;
        UTF8String touchpoint = e.getUTF8String(2);
        UTF8String channel = e.isNullAt(3) ? null : e.getUTF8String(3);
        UTF8String owner = e.isNullAt(4) ? null : e.getUTF8String(4);
        boolean assisted = !e.isNullAt(5) && e.getBoolean(5);
        int handle = handles.find(touchpoint, channel, owner);
        if (handle < 0) {
          handle = kernel.declare(touchpoint.toString(), Objects.toString(channel, null), Objects.toString(owner, null));
          handles.add(touchpoint.clone(), channel == null ? null : channel.clone(), owner == null ? null : owner.clone(),
              handle);
        }
        kernel.add(customerName, null, t, handle, assisted,
            withAttributes && !e.isNullAt(9) ? attributes(e.getMap(9)) : null);
      }

      /** Out of order: the task reports why and emits nothing more; the driver falls back to a shuffle. */
      private void stop(String why) {
        spans.add(new ClusteredJourneys.Span(partition, first, customerName, why, read, late, unreadable, firstTs,
            lastTs));
        journeys.clear();
        finished = true;
      }

      @Override
      public Row next() {
        hasNext();
        return journeys.poll();
      }
    };
  }

  /**
   * Combinations by their UTF-8 names, each with its kernel handle, in an open-addressing table; a miss
   * gives -1. Starts with the declared combinations (handle = index) and grows as others are added.
   */
  static final class Combinations {
    private UTF8String[] touchpoints;
    private UTF8String[] channels;
    private UTF8String[] owners;
    private int[] handles;
    private int size;
    private int[] slots;
    private int mask;

    Combinations(String[][] combinations) {
      int n = combinations.length;
      touchpoints = new UTF8String[Math.max(8, n)];
      channels = new UTF8String[touchpoints.length];
      owners = new UTF8String[touchpoints.length];
      handles = new int[touchpoints.length];
      rehash(Integer.highestOneBit(Math.max(4, n * 4 - 1)) << 1);
      for (int i = 0; i < n; i++) {
        add(UTF8String.fromString(combinations[i][0]),
            combinations[i][1] == null ? null : UTF8String.fromString(combinations[i][1]),
            combinations[i][2] == null ? null : UTF8String.fromString(combinations[i][2]), i);
      }
    }

    /** Adds a combination the table does not hold yet; the names must not change afterwards. */
    void add(UTF8String touchpoint, UTF8String channel, UTF8String owner, int handle) {
      if (size == touchpoints.length) {
        int grown = size * 2;
        touchpoints = java.util.Arrays.copyOf(touchpoints, grown);
        channels = java.util.Arrays.copyOf(channels, grown);
        owners = java.util.Arrays.copyOf(owners, grown);
        handles = java.util.Arrays.copyOf(handles, grown);
      }
      touchpoints[size] = touchpoint;
      channels[size] = channel;
      owners[size] = owner;
      handles[size] = handle;
      size++;
      if (size * 2 > slots.length) {
        rehash(slots.length * 2);
      } else {
        place(size - 1);
      }
    }

    private void rehash(int capacity) {
      slots = new int[capacity];
      mask = capacity - 1;
      java.util.Arrays.fill(slots, -1);
      for (int i = 0; i < size; i++) {
        place(i);
      }
    }

    private void place(int i) {
      int slot = hash(touchpoints[i], channels[i], owners[i]) & mask;
      while (slots[slot] >= 0) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = i;
    }

    int find(UTF8String touchpoint, UTF8String channel, UTF8String owner) {
      int slot = hash(touchpoint, channel, owner) & mask;
      for (int i = slots[slot]; i >= 0; slot = (slot + 1) & mask, i = slots[slot]) {
        if (touchpoint.equals(touchpoints[i]) && Objects.equals(channel, channels[i])
            && Objects.equals(owner, owners[i])) {
          return handles[i];
        }
      }
      return -1;
    }

    private static int hash(UTF8String touchpoint, UTF8String channel, UTF8String owner) {
      int h = touchpoint.hashCode();
      h = 31 * h + (channel == null ? 0 : channel.hashCode());
      h = 31 * h + (owner == null ? 0 : owner.hashCode());
      return h ^ (h >>> 16);
    }
  }
}
