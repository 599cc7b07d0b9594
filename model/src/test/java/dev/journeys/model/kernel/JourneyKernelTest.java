package dev.journeys.model.kernel;

import static dev.journeys.model.event.Events.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeys.model.analysis.InMemoryAnalysis;
import dev.journeys.model.event.Event;
import dev.journeys.model.journey.Fate;
import dev.journeys.model.journey.Journey;
import dev.journeys.model.journey.JourneyRules;
import dev.journeys.model.metric.RateCount;
import dev.journeys.model.metric.RepeatWindow;
import dev.journeys.model.transition.Transition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The boundaries DESIGN.md pins down. */
class JourneyKernelTest {

  static final JourneyRules GOAL = JourneyRules.defaults().withGoals(Set.of("web:order"));
  static final JourneyRules ONE_WINDOW = GOAL.withRepeatWindows(List.of(RepeatWindow.parse("7d")));

  static InMemoryAnalysis run(JourneyRules rules, String cutoff, Event... events) {
    return InMemoryAnalysis.run(List.of(events), rules, cutoff == null ? null : Instant.parse(cutoff));
  }

  @Test
  void silenceOfExactlyTheInactivityDoesNotCutButLongerDoes() {
    InMemoryAnalysis exact = run(GOAL, null,
        event().at("2026-03-01T00:00:00Z").on("web:a").build(),
        event().at("2026-03-31T00:00:00Z").on("web:b").build());
    assertThat(exact.journeys()).hasSize(1);
    InMemoryAnalysis longer = run(GOAL, null,
        event().at("2026-03-01T00:00:00Z").on("web:a").build(),
        event().at("2026-03-31T00:00:00.000001Z").on("web:b").build());
    assertThat(longer.journeys()).hasSize(2);
  }

  @Test
  void droppedNeedsStrictlyMoreThanTheInactivityBeforeTheCutoff() {
    Event e = event().at("2026-03-01T00:00:00Z").on("web:a").build();
    assertThat(run(GOAL, "2026-03-31T00:00:00Z", e).journeys().get(0).fate()).isEqualTo(Fate.PENDING);
    assertThat(run(GOAL, "2026-03-31T00:00:00.000001Z", e).journeys().get(0).fate()).isEqualTo(Fate.DROPPED);
  }

  @Test
  void goalEndsItsJourneyAndStartTouchpointStartsOne() {
    InMemoryAnalysis a = run(GOAL.withStarts(Set.of("email:campaign")), null,
        event().at("2026-03-01T00:00:00Z").on("web:a").build(),
        event().at("2026-03-01T00:01:00Z").on("web:order").build(),
        event().at("2026-03-01T00:02:00Z").on("web:b").build(),
        event().at("2026-03-01T00:03:00Z").on("email:campaign").build(),
        event().at("2026-03-01T00:04:00Z").on("web:c").build());
    assertThat(a.journeys()).extracting(Journey::touchpoints).containsExactly(
        List.of("web:a", "web:order"), List.of("web:b"), List.of("email:campaign", "web:c"));
    assertThat(a.journeys().get(0).fate()).isEqualTo(Fate.CONVERTED);
  }

  @Test
  void maxDurationCutsALongJourney() {
    InMemoryAnalysis a = run(GOAL.withMaxDuration(Duration.ofHours(1)), null,
        event().at("2026-03-01T00:00:00Z").on("web:a").build(),
        event().at("2026-03-01T01:00:00Z").on("web:b").build(),
        event().at("2026-03-01T01:00:01Z").on("web:c").build());
    assertThat(a.journeys()).extracting(Journey::touchpoints)
        .containsExactly(List.of("web:a", "web:b"), List.of("web:c"));
  }

  @Test
  void equalTimestampsKeepFileOrder() {
    InMemoryAnalysis a = run(GOAL, null,
        event().at("2026-03-01T00:00:00Z").on("web:b").seq(2).build(),
        event().at("2026-03-01T00:00:00Z").on("web:a").seq(1).build());
    assertThat(a.journeys().get(0).touchpoints()).containsExactly("web:a", "web:b");
  }

  @Test
  void repeatWindowExcludesTheSameInstantAndIncludesItsEnd() {
    // Passage a → call1 at t; call2 exactly 7 days later is a repeat contact inside (t, t + 7d].
    InMemoryAnalysis a = run(ONE_WINDOW, "2026-04-30T00:00:00Z",
        event().at("2026-03-01T00:00:00Z").on("web:a").build(),
        event().at("2026-03-01T00:10:00Z").on("phone:call1").build(),
        event().at("2026-03-08T00:10:00Z").on("phone:call2").build());
    assertThat(transition(a, "web:a", "phone:call1").repeatContact().get(0)).isEqualTo(new RateCount(1, 1));
    // call2 → END: t(B) = call2's time; the repeat contact at that same instant is not after it.
    assertThat(transition(a, "phone:call2", "END").repeatContact().get(0)).isEqualTo(new RateCount(0, 1));
    InMemoryAnalysis late = run(ONE_WINDOW, "2026-04-30T00:00:00Z",
        event().at("2026-03-01T00:00:00Z").on("web:a").build(),
        event().at("2026-03-01T00:10:00Z").on("phone:call1").build(),
        event().at("2026-03-08T00:10:00.000001Z").on("phone:call2").build());
    assertThat(transition(late, "web:a", "phone:call1").repeatContact().get(0)).isEqualTo(new RateCount(0, 1));
  }

  @Test
  void assistedEventAtTheSameInstantAsTheEarlierOneIsARepeat() {
    InMemoryAnalysis a = run(ONE_WINDOW, "2026-04-30T00:00:00Z",
        event().at("2026-03-01T00:00:00Z").on("web:a").seq(1).build(),
        event().at("2026-03-01T00:10:00Z").on("phone:call").seq(2).build(),
        event().at("2026-03-01T00:10:00Z").on("chat:chat").seq(3).build());
    // The chat is a repeat contact at 00:10, inside the window after web:a at 00:00.
    assertThat(transition(a, "START", "web:a").repeatContact().get(0)).isEqualTo(new RateCount(1, 1));
    // It is not after the call: an event at the same instant as B is outside (t(B), t(B) + W].
    assertThat(transition(a, "web:a", "phone:call").repeatContact().get(0)).isEqualTo(new RateCount(0, 1));
  }

  @Test
  void passageCountsInTheWindowDenominatorOnlyWhenItsWindowEndsByTheCutoff() {
    Event a = event().at("2026-03-01T00:00:00Z").on("web:a").build();
    Event b = event().at("2026-03-01T00:00:00Z").on("web:b").seq(1).build();
    assertThat(transition(run(ONE_WINDOW, "2026-03-08T00:00:00Z", a, b), "web:a", "web:b").repeatContact().get(0))
        .isEqualTo(new RateCount(0, 1));
    assertThat(transition(run(ONE_WINDOW, "2026-03-07T23:59:59Z", a, b), "web:a", "web:b").repeatContact().get(0))
        .isEqualTo(new RateCount(0, 0));
  }

  @Test
  void repeatContactsCountAcrossJourneysAndEachWindowUsesItsOwnLength() {
    JourneyRules rules = GOAL.withRepeatWindows(List.of(RepeatWindow.parse("24h"), RepeatWindow.parse("7d")));
    InMemoryAnalysis a = run(rules, "2026-04-30T00:00:00Z",
        event().at("2026-03-01T00:00:00Z").on("phone:sales").build(),
        event().at("2026-03-01T01:00:00Z").on("web:order").build(),
        event().at("2026-03-03T00:00:00Z").on("phone:support").build());
    Transition t = transition(a, "phone:sales", "web:order");
    assertThat(t.repeatContact()).containsExactly(new RateCount(0, 1), new RateCount(1, 1));
    assertThat(a.journeys()).hasSize(2);
  }

  @Test
  void pendingJourneysStayInRepeatDenominatorsButLeaveDropOffOnes() {
    InMemoryAnalysis a = run(ONE_WINDOW, "2026-04-30T00:00:00Z",
        event().at("2026-04-01T00:00:00Z").on("web:a").build(),
        event().at("2026-04-01T00:01:00Z").on("web:b").build());
    Transition t = transition(a, "web:a", "web:b");
    assertThat(t.dropOff()).isEqualTo(new RateCount(0, 0));
    assertThat(t.repeatContact().get(0)).isEqualTo(new RateCount(0, 1));
  }

  @Test
  void startAndEndPassagesHaveNoGapHandoffOrChannelSwitch() {
    InMemoryAnalysis a = run(GOAL, null,
        event().at("2026-03-01T00:00:00Z").on("web:a").owner("sales").build(),
        event().at("2026-03-01T00:01:00Z").on("phone:b").owner("support").build());
    Transition start = transition(a, "START", "web:a");
    assertThat(start.meanGapSeconds()).isNull();
    assertThat(start.handoffShare()).isNull();
    assertThat(start.channelSwitchShare()).isNull();
    Transition ab = transition(a, "web:a", "phone:b");
    assertThat(ab.meanGapSeconds()).isEqualTo(60.0);
    assertThat(ab.handoffShare()).isEqualTo(1.0);
    assertThat(ab.channelSwitchShare()).isEqualTo(1.0);
  }

  @Test
  void ownerPairsCountEveryPassageBetweenKnownOwnersWithItsRates() {
    InMemoryAnalysis a = run(ONE_WINDOW, "2026-06-01T00:00:00Z",
        // c1: sales → support (hand-off), support → support, then dropped; a repeat contact within 7d of the hand-off
        event().customer("c1").at("2026-03-01T00:00:00Z").on("web:a").owner("sales").build(),
        event().customer("c1").at("2026-03-01T01:00:00Z").on("phone:b").owner("support").assisted(true).build(),
        event().customer("c1").at("2026-03-02T00:00:00Z").on("phone:c").owner("support").assisted(true).build(),
        // c2: sales → support, then the goal (no owner: that passage is in no owner pair)
        event().customer("c2").at("2026-03-01T00:00:00Z").on("web:a").owner("sales").build(),
        event().customer("c2").at("2026-03-01T00:30:00Z").on("phone:b").owner("support").build(),
        event().customer("c2").at("2026-03-01T00:40:00Z").on("web:order").build());

    assertThat(a.transitions().ownerPairs()).extracting(Transition::from, Transition::to, Transition::passages)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("sales", "support", 2L),
            org.assertj.core.groups.Tuple.tuple("support", "support", 1L));
    Transition handoff = a.transitions().ownerPairs().get(0);
    assertThat(handoff.journeys()).isEqualTo(2);
    assertThat(handoff.customers()).isEqualTo(2);
    assertThat(handoff.meanGapSeconds()).isEqualTo(2700.0);
    assertThat(handoff.handoffShare()).isEqualTo(1.0);
    assertThat(handoff.dropOff()).isEqualTo(new RateCount(0, 2));
    assertThat(handoff.eventualDropOff()).isEqualTo(new RateCount(1, 2));
    assertThat(handoff.repeatContact().get(0)).isEqualTo(new RateCount(1, 2));
    Transition within = a.transitions().ownerPairs().get(1);
    assertThat(within.handoffShare()).isEqualTo(0.0);
    assertThat(within.dropOff()).isEqualTo(new RateCount(1, 1));
  }

  @Test
  void perCaseJourneysAreNeverCutAndConvertWhenTheyContainAGoal() {
    JourneyRules rules = GOAL.withPerCase(true);
    InMemoryAnalysis a = run(rules, "2026-12-01T00:00:00Z",
        event().inCase("k1").at("2026-01-01T00:00:00Z").on("web:a").build(),
        event().inCase("k1").at("2026-01-01T00:01:00Z").on("web:order").build(),
        event().inCase("k1").at("2026-06-01T00:00:00Z").on("web:b").build(),
        event().inCase("k2").at("2026-01-02T00:00:00Z").on("web:a").build());
    assertThat(a.journeys()).extracting(Journey::caseId, Journey::fate).containsExactly(
        org.assertj.core.groups.Tuple.tuple("k1", Fate.CONVERTED), org.assertj.core.groups.Tuple.tuple("k2", Fate.DROPPED));
    assertThat(a.journeys().get(0).touchpoints()).containsExactly("web:a", "web:order", "web:b");
  }

  @Test
  void withoutGoalsFatesAreUnjudgedAndDropOffIsEmpty() {
    InMemoryAnalysis a = run(JourneyRules.defaults(), null, event().on("web:a").build());
    assertThat(a.journeys().get(0).fate()).isEqualTo(Fate.UNJUDGED);
    assertThat(transition(a, "START", "web:a").dropOff()).isNull();
  }

  @Test
  void loopsCountEveryPassageButJourneysAndCustomersOnce() {
    InMemoryAnalysis a = run(GOAL, "2026-06-01T00:00:00Z",
        event().at("2026-03-01T00:00:00Z").on("web:a").build(),
        event().at("2026-03-01T00:01:00Z").on("web:b").build(),
        event().at("2026-03-01T00:02:00Z").on("web:a").build(),
        event().at("2026-03-01T00:03:00Z").on("web:b").build());
    Transition t = transition(a, "web:a", "web:b");
    assertThat(List.of(t.passages(), t.journeys(), t.customers())).containsExactly(2L, 1L, 1L);
    assertThat(t.dropOff()).isEqualTo(new RateCount(1, 2));
    assertThat(t.eventualDropOff()).isEqualTo(new RateCount(1, 1));
  }

  @Test
  void rejectsEventsOutOfTimeOrder() {
    JourneyKernel kernel = new JourneyKernel(GOAL, 0, null);
    kernel.add("c1", null, 10, "web:a", "web", null, false);
    assertThatThrownBy(() -> kernel.add("c1", null, 5, "web:b", "web", null, false))
        .hasMessageContaining("not in time order");
  }

  static Transition transition(InMemoryAnalysis a, String from, String to) {
    Transition t = a.transitions().find(from, to);
    assertThat(t).as(from + " → " + to).isNotNull();
    return t;
  }

  /**
   * A log whose paths carry ids has a touchpoint per id: a million of them must cost about a million times one,
   * not a million squared (the declared combinations once grew by one element per touchpoint, about 4.5 minutes
   * here). The timeout only catches the quadratic case; it is not a speed measurement.
   */
  @Test
  @org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
  void aMillionDistinctTouchpointsAreDeclaredAndCountedInLinearTime() {
    JourneyKernel kernel = new JourneyKernel(GOAL, Long.MAX_VALUE, null);
    int distinct = 1_000_000;
    for (int i = 0; i < distinct; i += 2) {
      int a = kernel.declare("web:/order/" + i, "web", null);
      int b = kernel.declare("web:/order/" + (i + 1), "web", null);
      kernel.add("c" + i, null, i * 1_000_000L, a, false);
      kernel.add("c" + i, null, i * 1_000_000L + 1, b, false);
    }
    kernel.flush();
    dev.journeys.model.transition.TransitionCounts counts = kernel.counts();
    assertThat(counts.touchpoints()).hasSize(distinct);
    assertThat(counts.transitions()).hasSize(distinct / 2 * 3);
    assertThat(counts.touchpoint("web:/order/999999").events()).isEqualTo(1);
  }
}
