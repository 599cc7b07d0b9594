package dev.journeys.model.analysis;

import dev.journeys.model.event.Event;
import dev.journeys.model.event.EventOrder;
import dev.journeys.model.event.Micros;
import dev.journeys.model.journey.Journey;
import dev.journeys.model.kernel.JourneyKernel;
import dev.journeys.model.journey.JourneyRules;
import dev.journeys.model.transition.TransitionCounts;
import dev.journeys.model.transition.TransitionTable;
import dev.journeys.model.variant.Variant;
import dev.journeys.model.variant.Variants;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An in-memory analysis runs the whole pipeline on a list of events in one JVM, without Spark: the
 * reference the Spark job is tested against, and enough for small logs.
 *
 * @param cutoff the instant fates and windows are judged at: the explicit cut-off, else the latest event
 */
public record InMemoryAnalysis(
    Instant cutoff, List<Journey> journeys, TransitionCounts counts, TransitionTable transitions, List<Variant> variants) {

  /** Analyses {@code events}; a null {@code cutoff} means the latest event time, and later events are left out. */
  public static InMemoryAnalysis run(List<Event> events, JourneyRules rules, Instant cutoff) {
    Instant effectiveCutoff = cutoff != null ? cutoff
        : events.stream().map(Event::ts).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
    List<Event> sorted = new ArrayList<>();
    for (Event e : events) {
      if (!e.ts().isAfter(effectiveCutoff)) {
        sorted.add(e);
      }
    }
    Comparator<Event> inCustomer = rules.perCase() ? EventOrder.IN_CASE : EventOrder.IN_CUSTOMER;
    sorted.sort(Comparator.comparing(Event::customerId).thenComparing(inCustomer));

    List<Journey> journeys = new ArrayList<>();
    JourneyKernel kernel = new JourneyKernel(rules, Micros.of(effectiveCutoff),
        (customer, index, caseId, start, end, fate, touchpoints, stage, attributes, segment) -> journeys.add(
            new Journey(customer, index, caseId, Micros.toInstant(start), Micros.toInstant(end), fate,
                List.of(touchpoints), stage)));
    for (Event e : sorted) {
      kernel.add(e.customerId(), e.caseId(), e.tsMicros(), e.touchpoint(), e.channel(), e.owner(), e.assisted());
    }
    kernel.flush();
    TransitionCounts counts = kernel.counts();
    return new InMemoryAnalysis(effectiveCutoff, journeys, counts, TransitionTable.from(counts, rules),
        Variants.of(journeys, rules.judgesFates()));
  }
}
