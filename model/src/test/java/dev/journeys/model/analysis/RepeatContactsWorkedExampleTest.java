package dev.journeys.model.analysis;

import static dev.journeys.model.event.Events.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.journeys.model.event.Event;
import dev.journeys.model.journey.JourneyRules;
import dev.journeys.model.metric.RateCount;
import dev.journeys.model.transition.ContactTable;
import dev.journeys.model.transition.RankBy;
import dev.journeys.model.transition.RepeatContact;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worked example of DESIGN.md, "What brings customers back", number for number, and its boundaries. */
class RepeatContactsWorkedExampleTest {

  static final int W24H = 0;
  static final int W7 = WorkedExampleTest.W7;

  @Test
  void theSalesCallBroughtTheCustomerBackAndTheSupportCallDidNot() {
    List<RepeatContact> rows = rows(WorkedExampleTest.EVENTS, WorkedExampleTest.RULES, WorkedExampleTest.CUTOFF, W7);
    assertThat(rows).extracting(RepeatContact::trigger, RepeatContact::repeat, RepeatContact::contacts,
            RepeatContact::rate, RepeatContact::stepsBetween)
        .containsExactly(
            tuple("phone:sales_call", null, 1L, new RateCount(1, 1), List.of("web:order_completed")),
            tuple("phone:sales_call", "phone:support_call", 1L, new RateCount(1, 1), List.of("web:order_completed")),
            tuple("phone:support_call", null, 1L, new RateCount(0, 1), null));
    RepeatContact pair = rows.get(1);
    assertThat(pair.medianSecondsToRepeat()).as("2 d 4 h 40 min").isEqualTo((2 * 86400 + 4 * 3600 + 40 * 60) * 1.0);
    assertThat(rows.get(0).rank()).isEqualTo(1);
    assertThat(pair.rank()).isEqualTo(1);
    assertThat(rows.get(2).rank()).isEqualTo(2);
    assertThat(rows.get(2).medianSecondsToRepeat()).isNull();
  }

  @Test
  void aRepeatAfterTheWindowIsNoRepeatOfThatWindow() {
    List<RepeatContact> day = rows(WorkedExampleTest.EVENTS, WorkedExampleTest.RULES, WorkedExampleTest.CUTOFF, W24H);
    assertThat(day).extracting(RepeatContact::trigger, RepeatContact::repeat, RepeatContact::rate).containsExactly(
        tuple("phone:sales_call", null, new RateCount(0, 1)),
        tuple("phone:support_call", null, new RateCount(0, 1)));
  }

  @Test
  void aRepeatAtExactlyWCountsAndAContactWhoseWindowRunsPastTheCutoffIsLeftOut() {
    List<Event> events = List.of(
        event().customer("a").at("2026-04-01T10:00:00Z").on("phone:sales_call").seq(1).build(),
        event().customer("a").at("2026-04-08T10:00:00Z").on("phone:support_call").seq(2).build(),
        event().customer("a").at("2026-04-08T10:00:00Z").on("chat:question").seq(3).build(),
        event().customer("a").at("2026-04-25T10:00:00Z").on("phone:support_call").seq(4).build());
    List<RepeatContact> week = rows(events, WorkedExampleTest.RULES, WorkedExampleTest.CUTOFF, W7);
    assertThat(week).extracting(RepeatContact::trigger, RepeatContact::repeat, RepeatContact::rate,
            RepeatContact::stepsBetween)
        .containsExactly(
            tuple("phone:sales_call", null, new RateCount(1, 1), List.of()),
            tuple("phone:sales_call", "phone:support_call", new RateCount(1, 1), List.of()),
            tuple("phone:support_call", null, new RateCount(1, 1), List.of()),
            tuple("phone:support_call", "chat:question", new RateCount(1, 1), List.of()),
            // the chat's next contact is 17 days later; the last call's window runs past the cut-off
            tuple("chat:question", null, new RateCount(0, 1), null));
  }

  @Test
  void withJourneysPerCaseContactsAreJudgedInTimeAcrossCases() {
    List<Event> events = List.of(
        event().customer("a").inCase("k1").at("2026-03-01T10:00:00Z").on("phone:sales_call").seq(1).build(),
        event().customer("a").inCase("k1").at("2026-03-05T10:00:00Z").on("web:order_completed").seq(2).build(),
        event().customer("a").inCase("k2").at("2026-03-02T10:00:00Z").on("web:faq").seq(3).build(),
        event().customer("a").inCase("k2").at("2026-03-03T10:00:00Z").on("phone:support_call").seq(4).build());
    JourneyRules perCase = WorkedExampleTest.RULES.withPerCase(true);
    List<RepeatContact> week = rows(events, perCase, WorkedExampleTest.CUTOFF, W7);
    assertThat(week).extracting(RepeatContact::trigger, RepeatContact::repeat, RepeatContact::stepsBetween)
        .startsWith(tuple("phone:sales_call", null, List.of("web:faq")),
            tuple("phone:sales_call", "phone:support_call", List.of("web:faq")));
  }

  static List<RepeatContact> rows(List<Event> events, JourneyRules rules, Instant cutoff, int window) {
    InMemoryAnalysis analysis = InMemoryAnalysis.run(events, rules, cutoff);
    List<RepeatContact> all = ContactTable.rows(analysis.counts().contacts(), rules.repeatWindows().size(),
        RankBy.LOWER_BOUND, 1);
    List<RepeatContact> mine = new ArrayList<>();
    for (RepeatContact r : all) {
      if (r.window() == window) {
        mine.add(r);
      }
    }
    return mine;
  }
}
