package dev.journeys.model.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeys.model.event.Micros;
import dev.journeys.model.journey.Fate;
import dev.journeys.model.journey.JourneyRules;
import dev.journeys.model.transition.TransitionCounts;
import dev.journeys.model.transition.TransitionKey;
import dev.journeys.model.transition.TransitionStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Attributes carried by the kernel: a journey's first values, a customer's segment, and the counts per segment. */
class SegmentsTest {

  private static final JourneyRules RULES = JourneyRules.defaults().withGoals(Set.of("web:order"));
  private static final long CUTOFF = Micros.of(Instant.parse("2026-06-01T00:00:00Z"));

  /** One event of the small fixed log: customer, time, touchpoint, attributes (null: none). */
  private record E(String customer, String at, String touchpoint, Map<String, String> attributes) {}

  private static final List<E> LOG = List.of(
      // c1 in DE: drops at web:rates.
      new E("c1", "2026-03-01T10:00:00Z", "web:home", Map.of("region", "DE")),
      new E("c1", "2026-03-01T10:05:00Z", "web:rates", Map.of("device", "mobile")),
      // c2 in FR: converts, then a second journey after 40 silent days carries no attributes.
      new E("c2", "2026-03-01T10:00:00Z", "web:home", Map.of("region", "FR", "device", "desktop")),
      new E("c2", "2026-03-01T10:05:00Z", "web:rates", Map.of("region", "DE")),
      new E("c2", "2026-03-01T10:09:00Z", "web:order", null),
      new E("c2", "2026-04-10T09:00:00Z", "web:home", null),
      // c3: its first event has no region, its second says FR: the customer is in FR.
      new E("c3", "2026-03-02T10:00:00Z", "web:home", null),
      new E("c3", "2026-03-02T10:01:00Z", "web:rates", Map.of("region", "FR", "device", " ")),
      new E("c3", "2026-03-02T10:02:00Z", "web:order", null),
      // c4: no region at all, a blank one does not count.
      new E("c4", "2026-03-03T10:00:00Z", "web:home", Map.of("region", " ")),
      new E("c4", "2026-03-03T10:01:00Z", "web:rates", null));

  private record Closed(String customer, int index, Map<String, String> attributes, String segment) {}

  private static TransitionCounts count(JourneyRules rules, List<E> log, List<Closed> closed) {
    JourneyKernel kernel = new JourneyKernel(rules, CUTOFF,
        (customer, index, caseId, start, end, fate, touchpoints, stage, attributes, segment) ->
            closed.add(new Closed(customer, index, attributes, segment)));
    for (E e : log) {
      kernel.add(e.customer(), null, Micros.of(Instant.parse(e.at())), e.touchpoint(), "web", null, false,
          e.attributes());
    }
    kernel.flush();
    return kernel.counts();
  }

  @Test
  void aJourneyTakesTheFirstValueOfEachAttributeItsEventsHold() {
    List<Closed> closed = new ArrayList<>();
    count(RULES, LOG, closed);
    assertThat(closed).containsExactly(
        new Closed("c1", 0, Map.of("region", "DE", "device", "mobile"), null),
        new Closed("c2", 0, Map.of("region", "FR", "device", "desktop"), null),
        new Closed("c2", 1, null, null),
        new Closed("c3", 0, Map.of("region", "FR"), null),
        new Closed("c4", 0, null, null));
  }

  @Test
  void aCustomerBelongsToTheSegmentOfItsFirstValueAndNoneWithout() {
    List<Closed> closed = new ArrayList<>();
    TransitionCounts counts = count(RULES.withSegmentBy("region"), LOG, closed);
    assertThat(closed).extracting(Closed::segment)
        .containsExactly("DE", "FR", "FR", "FR", JourneyKernel.NO_SEGMENT);
    assertThat(counts.segments()).containsOnlyKeys("DE", "FR", JourneyKernel.NO_SEGMENT);
    assertThat(counts.segments().get("FR").customers()).isEqualTo(2);
    assertThat(counts.segments().get("FR").journeys()).isEqualTo(3);
    assertThat(counts.segments().get("FR").journeys(Fate.CONVERTED)).isEqualTo(2);
    assertThat(counts.segments().get("DE").journeys(Fate.DROPPED)).isEqualTo(1);
    // The whole run's counts are the same with or without segments.
    TransitionCounts plain = count(RULES, LOG, new ArrayList<>());
    assertThat(plain.segments()).isEmpty();
    assertThat(counts.journeys()).isEqualTo(plain.journeys());
    assertThat(counts.transitions().keySet()).isEqualTo(plain.transitions().keySet());
  }

  @Test
  void aSegmentsCountsAreTheCountsOfItsCustomersAlone() {
    TransitionCounts counts = count(RULES.withSegmentBy("region"), LOG, new ArrayList<>());
    TransitionCounts fr = count(RULES, LOG.stream().filter(e -> Set.of("c2", "c3").contains(e.customer())).toList(),
        new ArrayList<>());
    TransitionCounts segment = counts.segments().get("FR");
    assertThat(segment.transitions().keySet()).isEqualTo(fr.transitions().keySet());
    for (Map.Entry<TransitionKey, TransitionStats> e : fr.transitions().entrySet()) {
      TransitionStats s = segment.transitions().get(e.getKey());
      assertThat(s.passages()).as(e.getKey().toString()).isEqualTo(e.getValue().passages());
      assertThat(s.customers()).isEqualTo(e.getValue().customers());
      assertThat(s.dropOff()).isEqualTo(e.getValue().dropOff());
      assertThat(s.repeatContact(1)).isEqualTo(e.getValue().repeatContact(1));
      assertThat(s.gapBuckets()).isEqualTo(e.getValue().gapBuckets());
    }
    assertThat(segment.variants().variants().keySet()).isEqualTo(fr.variants().variants().keySet());
  }

  @Test
  void segmentsMergeAcrossKernelsValueByValue() {
    TransitionCounts first = count(RULES.withSegmentBy("region"), LOG.subList(0, 6), new ArrayList<>());
    TransitionCounts second = count(RULES.withSegmentBy("region"), LOG.subList(6, LOG.size()), new ArrayList<>());
    TransitionCounts whole = count(RULES.withSegmentBy("region"), LOG, new ArrayList<>());
    first.merge(second);
    assertThat(first.segments()).containsOnlyKeys(whole.segments().keySet());
    whole.segments().forEach((value, counts) -> {
      assertThat(first.segments().get(value).journeys()).as(value).isEqualTo(counts.journeys());
      assertThat(first.segments().get(value).events()).as(value).isEqualTo(counts.events());
    });
  }

  @Test
  void tooManyValuesToSegmentByIsAnErrorNamingTheAttribute() {
    List<E> log = new ArrayList<>();
    for (int i = 0; i <= JourneyKernel.MAX_SEGMENTS; i++) {
      log.add(new E("c" + i, "2026-03-01T10:00:00Z", "web:home", Map.of("customer_ref", "ref-" + i)));
    }
    assertThatThrownBy(() -> count(RULES.withSegmentBy("customer_ref"), log, new ArrayList<>()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'customer_ref'")
        .hasMessageContaining("more than " + JourneyKernel.MAX_SEGMENTS + " values");
  }
}
