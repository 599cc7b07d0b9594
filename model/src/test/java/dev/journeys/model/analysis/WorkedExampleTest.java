package dev.journeys.model.analysis;

import static dev.journeys.model.event.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.model.event.Event;
import dev.journeys.model.journey.Fate;
import dev.journeys.model.journey.Journey;
import dev.journeys.model.journey.JourneyRules;
import dev.journeys.model.metric.RateCount;
import dev.journeys.model.transition.Transition;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The worked example of DESIGN.md, number for number. */
public class WorkedExampleTest {

  public static final List<Event> EVENTS = List.of(
      event().customer("c1").at("2026-03-01T09:00:00Z").on("web:view_rates").seq(1).build(),
      event().customer("c1").at("2026-03-01T09:05:00Z").on("web:apply_start").seq(2).build(),
      event().customer("c1").at("2026-03-01T09:20:00Z").on("phone:sales_call").seq(3).build(),
      event().customer("c1").at("2026-03-01T10:00:00Z").on("web:order_completed").seq(4).build(),
      event().customer("c1").at("2026-03-03T14:00:00Z").on("phone:support_call").seq(5).build(),
      event().customer("c2").at("2026-03-02T10:00:00Z").on("web:view_rates").seq(6).build(),
      event().customer("c2").at("2026-03-02T10:02:00Z").on("web:apply_start").seq(7).build(),
      event().customer("c3").at("2026-04-25T10:00:00Z").on("web:view_rates").seq(8).build());

  static final JourneyRules RULES = JourneyRules.defaults().withGoals(Set.of("web:order_completed"));
  static final Instant CUTOFF = Instant.parse("2026-04-30T00:00:00Z");
  static final int W7 = 1;

  final InMemoryAnalysis analysis = InMemoryAnalysis.run(EVENTS, RULES, CUTOFF);

  @Test
  void cutsFourJourneysWithTheirFates() {
    assertThat(analysis.journeys()).extracting(Journey::customerId, Journey::fate, Journey::touchpoints)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("c1", Fate.CONVERTED,
                List.of("web:view_rates", "web:apply_start", "phone:sales_call", "web:order_completed")),
            org.assertj.core.groups.Tuple.tuple("c1", Fate.DROPPED, List.of("phone:support_call")),
            org.assertj.core.groups.Tuple.tuple("c2", Fate.DROPPED, List.of("web:view_rates", "web:apply_start")),
            org.assertj.core.groups.Tuple.tuple("c3", Fate.PENDING, List.of("web:view_rates")));
  }

  @Test
  void viewRatesToApplyStart() {
    Transition t = transition("web:view_rates", "web:apply_start");
    assertThat(t.passages()).isEqualTo(2);
    assertThat(t.dropOff()).isEqualTo(new RateCount(1, 2));
    assertThat(t.repeatContact().get(W7)).isEqualTo(new RateCount(1, 2));
  }

  @Test
  void applyStartToSalesCall() {
    Transition t = transition("web:apply_start", "phone:sales_call");
    assertThat(t.dropOff()).isEqualTo(new RateCount(0, 1));
    assertThat(t.repeatContact().get(W7)).isEqualTo(new RateCount(1, 1));
  }

  @Test
  void salesCallToOrderCompletedIsTheGapAfterWhichCustomersCallAgain() {
    Transition t = transition("phone:sales_call", "web:order_completed");
    assertThat(t.dropOff()).isEqualTo(new RateCount(0, 1));
    assertThat(t.repeatContact().get(W7)).isEqualTo(new RateCount(1, 1));
  }

  @Test
  void startToViewRatesLeavesThePendingJourneyOut() {
    Transition t = transition("START", "web:view_rates");
    assertThat(t.passages()).isEqualTo(3);
    assertThat(t.dropOff()).isEqualTo(new RateCount(0, 2));
    assertThat(t.repeatContact().get(W7)).isEqualTo(new RateCount(1, 2));
  }

  @Test
  void applyStartToEndDropsOff() {
    assertThat(transition("web:apply_start", "END").dropOff()).isEqualTo(new RateCount(1, 1));
  }

  @Test
  void journeyOfOneSupportCallIsDroppedAtItsOnlyPassage() {
    assertThat(transition("START", "phone:support_call").dropOff()).isEqualTo(new RateCount(1, 1));
    assertThat(transition("phone:support_call", "END").dropOff()).isEqualTo(new RateCount(1, 1));
  }

  @Test
  void countsJourneysByFate() {
    assertThat(analysis.counts().journeys(Fate.CONVERTED)).isEqualTo(1);
    assertThat(analysis.counts().journeys(Fate.DROPPED)).isEqualTo(2);
    assertThat(analysis.counts().journeys(Fate.PENDING)).isEqualTo(1);
    assertThat(analysis.counts().customers()).isEqualTo(3);
    assertThat(analysis.counts().events()).isEqualTo(8);
  }

  private Transition transition(String from, String to) {
    Transition t = analysis.transitions().find(from, to);
    assertThat(t).as(from + " → " + to).isNotNull();
    return t;
  }
}
