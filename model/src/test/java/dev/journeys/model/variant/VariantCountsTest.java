package dev.journeys.model.variant;

import static dev.journeys.model.event.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.model.analysis.InMemoryAnalysis;
import dev.journeys.model.analysis.WorkedExampleTest;
import dev.journeys.model.event.Event;
import dev.journeys.model.journey.JourneyRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VariantCountsTest {

  @Test
  void kernelVariantCountsGiveTheSameTableAsTheJourneys() {
    InMemoryAnalysis a = InMemoryAnalysis.run(WorkedExampleTest.EVENTS,
        JourneyRules.defaults().withGoals(java.util.Set.of("web:order_completed")),
        Instant.parse("2026-04-30T00:00:00Z"));
    assertThat(a.counts().variants().table(a.counts().journeys(), true)).isEqualTo(a.variants());
    assertThat(a.variants()).extracting(Variant::rank, Variant::journeys, Variant::sequence).first()
        .isEqualTo(org.assertj.core.groups.Tuple.tuple(1, 1L, "phone:support_call"));
  }

  @Test
  void givesUpBeyondTheLimitOfDistinctVariants() {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i <= VariantCounts.LIMIT; i++) {
      events.add(event().customer("c" + i).on("web:page_" + i).build());
    }
    InMemoryAnalysis a = InMemoryAnalysis.run(events, JourneyRules.defaults(), null);
    assertThat(a.counts().variants().overflowed()).isTrue();
    assertThat(a.counts().variants().size()).isZero();
    assertThat(a.variants()).hasSize(VariantCounts.LIMIT + 1);
  }

  @Test
  void mergingAnOverflowedCountOverflows() {
    VariantCounts a = new VariantCounts();
    a.variant(List.of("web:a")).addJourney(dev.journeys.model.journey.Fate.DROPPED, 0);
    VariantCounts b = new VariantCounts();
    b.overflow();
    a.merge(b);
    assertThat(a.overflowed()).isTrue();
  }
}
