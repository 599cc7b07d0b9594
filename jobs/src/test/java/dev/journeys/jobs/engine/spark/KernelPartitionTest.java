package dev.journeys.jobs.engine.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.model.journey.JourneyRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/**
 * The shuffle path sorts events by customer hash alone; each customer's events must still reach the kernel in time
 * order, and customers (and, per case, cases) that share a hash one after another, in the order of their ids, as a
 * sort by id and time would give them.
 */
class KernelPartitionTest {

  static final String[][] COMBINATIONS = {{"web:landing", "web", null}, {"web:order", "web", null},
      {"phone:support", "phone", "support"}};
  static final long DAY = 86_400_000_000L;

  /** customer, case, ts, combination, assisted, source order, sequence, customer hash. */
  static Row event(String customer, String caseId, long ts, int combination, long hash) {
    return RowFactory.create(customer, caseId, ts, combination, combination == 2, 0, ts, hash);
  }

  static List<Row> journeys(JourneyRules rules, List<Row> events) {
    KernelPartition partition = new KernelPartition(rules, 30 * DAY, new TransitionCountsAccumulator(
        rules.repeatWindows().size()), COMBINATIONS);
    List<Row> out = new ArrayList<>();
    partition.call(events.iterator()).forEachRemaining(out::add);
    return out;
  }

  /** A journey row as text, its arrays by their elements. */
  static List<String> text(List<Row> rows) {
    List<String> out = new ArrayList<>();
    for (Row r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.length(); i++) {
        Object v = r.get(i);
        line.append(v instanceof Object[] array ? java.util.Arrays.toString(array) : String.valueOf(v)).append('|');
      }
      out.add(line.toString());
    }
    return out;
  }

  /** The same events with a hash of their own per customer, sorted by customer, case and time: the old order. */
  static List<Row> byId(List<Row> events) {
    List<Row> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparing((Row e) -> e.getString(0))
        .thenComparing(e -> e.getString(1), Comparator.nullsFirst(Comparator.naturalOrder()))
        .thenComparingLong(e -> e.getLong(2)));
    List<Row> distinct = new ArrayList<>();
    for (Row e : sorted) {
      distinct.add(RowFactory.create(e.get(0), e.get(1), e.get(2), e.get(3), e.get(4), e.get(5), e.get(6),
          (long) e.getString(0).hashCode()));
    }
    return distinct;
  }

  @Test
  void customersSharingAHashAreFedOneAfterTheOtherInIdOrder() {
    // B and A share hash 5, their events interleaved and out of time order (the shuffle sorts by hash alone);
    // C has a hash of its own.
    List<Row> events = List.of(
        event("B", null, 3 * DAY, 2, 5), event("A", null, 4 * DAY, 1, 5), event("B", null, 1 * DAY, 0, 5),
        event("A", null, 2 * DAY, 0, 5), event("B", null, 5 * DAY, 1, 5), event("C", null, 7 * DAY, 1, 9),
        event("C", null, 6 * DAY, 0, 9));
    JourneyRules rules = JourneyRules.defaults();
    List<Row> shared = journeys(rules, events);
    assertThat(text(shared)).hasSize(3).isEqualTo(text(journeys(rules, byId(events))));
    assertThat(shared).extracting(r -> r.getString(0)).containsExactly("A", "B", "C");
  }

  @Test
  void theCasesOfACustomerComeOneAfterTheOtherPerCase() {
    List<Row> events = List.of(
        event("A", "y", 3 * DAY, 1, 5), event("A", "x", 2 * DAY, 0, 5), event("A", "y", 1 * DAY, 0, 5),
        event("A", "x", 4 * DAY, 2, 5));
    JourneyRules rules = JourneyRules.defaults().withPerCase(true);
    List<Row> perCase = journeys(rules, events);
    assertThat(text(perCase)).hasSize(2).isEqualTo(text(journeys(rules, byId(events))));
  }
}
