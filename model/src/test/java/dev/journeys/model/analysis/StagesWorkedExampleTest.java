package dev.journeys.model.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.journeys.model.journey.Fate;
import dev.journeys.model.journey.Journey;
import dev.journeys.model.journey.Stages;
import dev.journeys.model.metric.RateCount;
import dev.journeys.model.transition.TransitionKey;
import dev.journeys.model.transition.TransitionStats;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The stages' worked example of DESIGN.md ("Stages"), on the events of {@link WorkedExampleTest}, number for number. */
class StagesWorkedExampleTest {

  static final Stages STAGES = new Stages(List.of(
      new Stages.Stage("evaluate", List.of("web:view_*", "web:apply_*", "phone:rates_*"),
          Set.of("web:order_completed")),
      new Stages.Stage("buy", List.of("phone:sales_*", "web:order_*"), Set.of()),
      new Stages.Stage("access", List.of("email:welcome*", "web:activate*"), Set.of("web:account_activated")),
      new Stages.Stage("ask", List.of("phone:support_*", "chat:*", "crm:case_*"), Set.of())));

  final InMemoryAnalysis analysis = InMemoryAnalysis.run(WorkedExampleTest.EVENTS,
      WorkedExampleTest.RULES.withStages(STAGES), WorkedExampleTest.CUTOFF);

  @Test
  void anEventsStageIsTheFirstStageThatMatchesItsWholeTouchpoint() {
    assertThat(STAGES.name(STAGES.of("web:view_rates"))).isEqualTo("evaluate");
    assertThat(STAGES.name(STAGES.of("web:order_completed"))).isEqualTo("buy");
    assertThat(STAGES.name(STAGES.of("email:welcome"))).isEqualTo("access");
    assertThat(STAGES.name(STAGES.of("chat:anything at all"))).isEqualTo("ask");
    assertThat(STAGES.name(STAGES.of("xweb:view_rates"))).as("patterns match whole touchpoints").isEqualTo("other");
    assertThat(STAGES.name(STAGES.of("web:landing"))).isEqualTo(Stages.OTHER);
    assertThat(STAGES.goals(STAGES.of("web:landing"))).isEmpty();
    assertThat(new Stages(List.of(new Stages.Stage("dots", List.of("a.b*"), Set.of()))).of("axb"))
        .as("only * is special").isEqualTo(1);
  }

  @Test
  void aServiceCallAfterThePurchaseIsUnjudgedNotDropped() {
    assertThat(analysis.journeys()).extracting(Journey::customerId, Journey::fate, Journey::stage).containsExactly(
        tuple("c1", Fate.CONVERTED, "evaluate"),
        tuple("c1", Fate.UNJUDGED, "ask"),
        tuple("c2", Fate.DROPPED, "evaluate"),
        tuple("c3", Fate.PENDING, "evaluate"));
    assertThat(analysis.transitions().find("phone:support_call", "END").dropOff()).isEqualTo(new RateCount(0, 0));
    assertThat(analysis.counts().journeys(Fate.UNJUDGED)).isEqualTo(1);
    assertThat(analysis.counts().journeysByStage().get("evaluate"))
        .containsExactly(1, 1, 1, 0); // converted, dropped, pending, unjudged
    assertThat(analysis.counts().journeysByStage().get("ask")).containsExactly(0, 0, 0, 1);
  }

  @Test
  void stagePassagesRunOverEachCustomersEventsAcrossJourneys() {
    assertThat(analysis.counts().stagePassages().keySet()).containsExactlyInAnyOrder(
        new TransitionKey("START", "evaluate"), new TransitionKey("evaluate", "buy"), new TransitionKey("buy", "ask"),
        new TransitionKey("ask", "END"), new TransitionKey("evaluate", "END"));
    TransitionStats start = stage("START", "evaluate");
    assertThat(start.passages()).isEqualTo(3);
    assertThat(start.customers()).isEqualTo(3);
    assertThat(start.dropOff()).as("stall: c1 converted, c2 dropped, c3 pending").isEqualTo(new RateCount(1, 2));
    assertThat(stage("evaluate", "buy").passages()).isEqualTo(1);
    assertThat(stage("evaluate", "buy").dropOff()).isEqualTo(new RateCount(0, 1));
    assertThat(stage("evaluate", "buy").gaps().quantileSeconds(0.5)).isEqualTo(15 * 60.0);
    TransitionStats intoAsk = stage("buy", "ask");
    assertThat(intoAsk.dropOff()).as("into an unjudged journey").isEqualTo(new RateCount(0, 0));
    assertThat(intoAsk.repeatContact(WorkedExampleTest.W7)).isEqualTo(new RateCount(0, 1));
    assertThat(stage("ask", "END").passages()).isEqualTo(1);
    assertThat(stage("evaluate", "END").passages()).isEqualTo(2);
    assertThat(stage("evaluate", "END").dropOff()).isEqualTo(new RateCount(1, 1));
  }

  @Test
  void aSilenceLongerThanTheInactivityIsNoHandOffButAnEndAndAStart() {
    List<dev.journeys.model.event.Event> events = List.of(
        dev.journeys.model.event.Events.event().customer("a").at("2026-01-01T10:00:00Z").on("web:view_rates").seq(1)
            .build(),
        dev.journeys.model.event.Events.event().customer("a").at("2026-02-15T10:00:00Z").on("web:view_rates")
            .seq(2).build(),
        dev.journeys.model.event.Events.event().customer("a").at("2026-02-16T10:00:00Z").on("phone:sales_call").seq(3)
            .build());
    InMemoryAnalysis run = InMemoryAnalysis.run(events, WorkedExampleTest.RULES.withStages(STAGES),
        WorkedExampleTest.CUTOFF);
    assertThat(run.counts().stagePassages().keySet()).containsExactlyInAnyOrder(
        new TransitionKey("START", "evaluate"), new TransitionKey("evaluate", "END"), new TransitionKey("evaluate", "buy"),
        new TransitionKey("buy", "END"));
    assertThat(run.counts().stagePassages().get(new TransitionKey("START", "evaluate")).passages()).isEqualTo(2);
    assertThat(run.counts().stagePassages().get(new TransitionKey("evaluate", "END")).passages()).isEqualTo(1);
    assertThat(run.transitions().rankStagesByStall(dev.journeys.model.transition.RankBy.LOWER_BOUND, 1))
        .as("hand-offs only: neither from START nor into END")
        .extracting(r -> r.transition().key()).containsExactly(new TransitionKey("evaluate", "buy"));
  }

  @Test
  void aTransitionMostlyInUnjudgedJourneysNeedsEnoughDecidedPassagesToBeRankedByDropOff() {
    List<dev.journeys.model.event.Event> events = new java.util.ArrayList<>();
    for (String c : List.of("a", "b", "c")) {
      events.add(dev.journeys.model.event.Events.event().customer(c).at("2026-01-01T10:00:00Z")
          .on("phone:support_call").seq(1).build());
      events.add(dev.journeys.model.event.Events.event().customer(c).at("2026-01-01T11:00:00Z").on("chat:help")
          .seq(2).build());
    }
    events.add(dev.journeys.model.event.Events.event().customer("d").at("2026-01-01T09:00:00Z").on("web:view_rates")
        .seq(1).build());
    events.add(dev.journeys.model.event.Events.event().customer("d").at("2026-01-01T10:00:00Z")
        .on("phone:support_call").seq(2).build());
    events.add(dev.journeys.model.event.Events.event().customer("d").at("2026-01-01T11:00:00Z").on("chat:help")
        .seq(3).build());
    InMemoryAnalysis run = InMemoryAnalysis.run(events, WorkedExampleTest.RULES.withStages(STAGES),
        WorkedExampleTest.CUTOFF);
    assertThat(run.transitions().find("phone:support_call", "chat:help").passages()).isEqualTo(4);
    assertThat(run.transitions().find("phone:support_call", "chat:help").dropOff()).isEqualTo(new RateCount(1, 1));
    var ranked = run.transitions().rankByDropOff(dev.journeys.model.transition.RankBy.LOWER_BOUND, 3);
    assertThat(ranked).extracting(r -> r.transition().key().toString()).doesNotContain("phone:support_call → chat:help");
    InMemoryAnalysis plain = InMemoryAnalysis.run(events, WorkedExampleTest.RULES, WorkedExampleTest.CUTOFF);
    assertThat(plain.transitions().rankByDropOff(dev.journeys.model.transition.RankBy.LOWER_BOUND, 3))
        .as("without stages, passages decide as before").extracting(r -> r.transition().key().toString())
        .contains("phone:support_call → chat:help");
  }

  @Test
  void withoutStagesNothingChanges() {
    InMemoryAnalysis plain = InMemoryAnalysis.run(WorkedExampleTest.EVENTS, WorkedExampleTest.RULES,
        WorkedExampleTest.CUTOFF);
    assertThat(plain.counts().stagePassages()).isEmpty();
    assertThat(plain.counts().journeysByStage()).isEmpty();
    assertThat(plain.journeys()).extracting(Journey::stage).containsOnlyNulls();
  }

  @Test
  void stagesNeedNamesOfTheirOwnAndRulesTakeTheirGoals() {
    assertThatThrownBy(() -> new Stages(List.of(new Stages.Stage("Other", List.of("*"), Set.of()))))
        .hasMessageContaining("reserved");
    assertThatThrownBy(() -> new Stages(List.of(new Stages.Stage("a", List.of("x"), Set.of()),
        new Stages.Stage("A", List.of("y"), Set.of())))).hasMessageContaining("used twice");
    assertThat(WorkedExampleTest.RULES.withStages(STAGES).goals())
        .containsExactlyInAnyOrder("web:order_completed", "web:account_activated");
  }

  private TransitionStats stage(String from, String to) {
    TransitionStats stats = analysis.counts().stagePassages().get(new TransitionKey(from, to));
    assertThat(stats).as(from + " → " + to).isNotNull();
    return stats;
  }
}
