package dev.journeys.jobs.engine.spark;

import dev.journeys.jobs.engine.JourneyRows;
import dev.journeys.model.journey.JourneyRules;
import dev.journeys.model.kernel.JourneyKernel;
import java.util.ArrayDeque;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * Streams one partition's events (grouped by customer, ordered inside) through the kernel, emits a
 * row per journey as it closes, and hands the partition's transition counts to the accumulator.
 * Input columns: customer_id, case_id, ts in microseconds, touchpoint combination id, assisted, source order,
 * sequence, customer hash, attributes (null unless the rules keep them); the
 * combinations (touchpoint, channel, owner) are declared to the kernel first, so ids are its handles.
 */
final class KernelPartition implements MapPartitionsFunction<Row, Row> {

  private final JourneyRules rules;
  private final long cutoffMicros;
  private final TransitionCountsAccumulator counts;
  private final String[][] combinations;

  /** The rows this partition's journeys become. */
  org.apache.spark.sql.types.StructType schema() {
    return dev.journeys.jobs.io.OutputSchema.journey(rules);
  }

  KernelPartition(JourneyRules rules, long cutoffMicros, TransitionCountsAccumulator counts, String[][] combinations) {
    this.rules = rules;
    this.cutoffMicros = cutoffMicros;
    this.counts = counts;
    this.combinations = combinations;
  }

  /** A kernel that adds each journey it closes to {@code journeys} as a row, with the combinations declared. */
  JourneyKernel kernel(ArrayDeque<Row> journeys) {
    return JourneyRows.kernel(rules, cutoffMicros, combinations, journeys);
  }

  /** The rules the kernel cuts and judges journeys by. */
  JourneyRules rules() {
    return rules;
  }

  /** The accumulator each task hands its counts to. */
  TransitionCountsAccumulator counts() {
    return counts;
  }

  /** The cut-off the kernel judges at, in microseconds. */
  long cutoffMicros() {
    return cutoffMicros;
  }

  /** The declared (touchpoint, channel, owner) combinations; a combination's index is its handle. */
  String[][] combinations() {
    return combinations;
  }

  /**
   * Input rows sorted by customer hash (column 7) alone: each customer's rows together, and two customers apart by 8
   * bytes instead of their ids. Each hash's rows are put in order here, a few rows at a time: by customer (customers
   * whose ids share a hash one after another, in the order of their ids), per case by case, then by time, source
   * order and sequence: the order a sort of the whole partition by these would have given.
   */
  @Override
  public Iterator<Row> call(Iterator<Row> events) {
    ArrayDeque<Row> journeys = new ArrayDeque<>();
    JourneyKernel kernel = kernel(journeys);
    boolean perCase = rules.perCase();
    return new Iterator<>() {
      private final Group group = new Group(perCase, rules.keepsAttributes());
      private Row next = events.hasNext() ? events.next() : null;
      private boolean finished;

      @Override
      public boolean hasNext() {
        while (journeys.isEmpty() && !finished) {
          if (next != null) {
            group.clear();
            long hash = next.getLong(7);
            do {
              group.add(next);
              next = events.hasNext() ? events.next() : null;
            } while (next != null && next.getLong(7) == hash);
            group.feed(kernel);
          } else {
            kernel.flush();
            counts.add(kernel.counts());
            finished = true;
          }
        }
        return !journeys.isEmpty();
      }

      @Override
      public Row next() {
        hasNext();
        return journeys.poll();
      }
    };
  }

  /**
   * The rows of one customer hash, held in arrays (a customer may have millions of events), put in order by
   * customer, case (per case), time, source order and sequence, then fed to the kernel.
   */
  static final class Group {
    private final boolean perCase;
    private final boolean withAttributes;
    private java.util.Map<String, String>[] attributes;
    private String[] customers = new String[16];
    private String[] cases = new String[16];
    private long[] ts = new long[16];
    private int[] sourceOrder = new int[16];
    private long[] seq = new long[16];
    private int[] combination = new int[16];
    private boolean[] assisted = new boolean[16];
    private int n;
    private boolean ordered;

    Group(boolean perCase) {
      this(perCase, false);
    }

    @SuppressWarnings("unchecked")
    Group(boolean perCase, boolean withAttributes) {
      this.perCase = perCase;
      this.withAttributes = withAttributes;
      this.attributes = withAttributes ? new java.util.Map[16] : null;
    }

    void clear() {
      java.util.Arrays.fill(customers, 0, n, null);
      java.util.Arrays.fill(cases, 0, n, null);
      if (withAttributes) {
        java.util.Arrays.fill(attributes, 0, n, null);
      }
      n = 0;
      ordered = true;
    }

    void add(Row e) {
      if (n == ts.length) {
        int size = 2 * n;
        customers = java.util.Arrays.copyOf(customers, size);
        cases = java.util.Arrays.copyOf(cases, size);
        ts = java.util.Arrays.copyOf(ts, size);
        sourceOrder = java.util.Arrays.copyOf(sourceOrder, size);
        seq = java.util.Arrays.copyOf(seq, size);
        combination = java.util.Arrays.copyOf(combination, size);
        assisted = java.util.Arrays.copyOf(assisted, size);
        if (withAttributes) {
          attributes = java.util.Arrays.copyOf(attributes, size);
        }
      }
      String customer = e.getString(0);
      String caseId = e.getString(1);
      // One string per customer and case held, not one per event.
      customers[n] = n > 0 && java.util.Objects.equals(customer, customers[n - 1]) ? customers[n - 1] : customer;
      cases[n] = n > 0 && java.util.Objects.equals(caseId, cases[n - 1]) ? cases[n - 1] : caseId;
      ts[n] = e.getLong(2);
      combination[n] = e.getInt(3);
      assisted[n] = !e.isNullAt(4) && e.getBoolean(4);
      sourceOrder[n] = e.getInt(5);
      seq[n] = e.getLong(6);
      if (withAttributes) {
        attributes[n] = dev.journeys.jobs.io.AttributeMaps.of(e.get(8));
      }
      if (n > 0 && compare(n - 1, n) > 0) {
        ordered = false;
      }
      n++;
    }

    private int compare(int a, int b) {
      int c = compare(customers[a], customers[b]);
      if (c == 0 && perCase) {
        c = compare(cases[a], cases[b]);
      }
      if (c == 0) {
        c = Long.compare(ts[a], ts[b]);
      }
      if (c == 0) {
        c = Integer.compare(sourceOrder[a], sourceOrder[b]);
      }
      return c != 0 ? c : Long.compare(seq[a], seq[b]);
    }

    /** Strings in their natural order, null first; the same instance without a look at its characters. */
    private static int compare(String a, String b) {
      return a == b ? 0 : a == null ? -1 : b == null ? 1 : a.compareTo(b);
    }

    void feed(JourneyKernel kernel) {
      Integer[] order = null;
      if (!ordered) {
        order = new Integer[n];
        java.util.Arrays.setAll(order, i -> i);
        java.util.Arrays.sort(order, this::compare);
      }
      for (int k = 0; k < n; k++) {
        int i = order == null ? k : order[k];
        kernel.add(customers[i], cases[i], ts[i], combination[i], assisted[i],
            withAttributes ? attributes[i] : null);
      }
    }
  }
}
