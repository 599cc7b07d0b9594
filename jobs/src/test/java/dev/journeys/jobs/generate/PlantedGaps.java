package dev.journeys.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeys.jobs.run.RunResult;
import dev.journeys.model.journey.JourneyRules;
import dev.journeys.model.metric.RepeatWindow;
import dev.journeys.model.transition.RankedTransition;
import dev.journeys.model.transition.RepeatContact;
import java.util.List;

/** The demo's planted stage gap and trigger, as {@code truth.json} names them, checked against a run of the demo. */
final class PlantedGaps {

  private PlantedGaps() {}

  /** The planted access stall is the worst stage hand-off, clearly, and its interval holds the true rate. */
  static void assertAccessStallFound(RunResult result, JsonNode truth) {
    JsonNode planted = truth.get("planted_stage_gap");
    RankedTransition top = result.stallRanking().get(0);
    assertThat(top.transition().key().toString()).isEqualTo(planted.get("stage_passage").asText());
    assertThat(planted.get("true_rate").asDouble()).isBetween(top.rate().lower(), top.rate().upper());
    assertThat(result.stallRanking().get(1).rate().upper()).isLessThan(top.rate().lower());
  }

  /**
   * The planted segment difference is the top change between the two largest regions, its interval holds the true
   * difference, and, when {@code onlyOne}, it is the only change beyond noise (q below 0.05).
   */
  static void assertSegmentDifferenceFound(RunResult result, JsonNode truth, boolean onlyOne) {
    JsonNode planted = truth.get("planted_segment_difference");
    dev.journeys.jobs.run.SegmentTables.Result segments = result.segments();
    assertThat(segments.attribute()).isEqualTo(planted.get("attribute").asText());
    assertThat(segments.compared()).contains(planted.get("segment").asText());
    List<dev.journeys.jobs.run.SegmentTables.Change> significant = segments.significant();
    assertThat(significant).isNotEmpty();
    dev.journeys.jobs.run.SegmentTables.Change top = significant.get(0);
    assertThat(top.from() + " → " + top.to()).isEqualTo(planted.get("transition").asText());
    assertThat(top.rate()).isEqualTo(planted.get("metric").asText());
    boolean plantedIsA = segments.compared().get(0).equals(planted.get("segment").asText());
    double truthDifference = (plantedIsA ? 1 : -1) * (planted.get("true_rate_in_segment").asDouble()
        - planted.get("true_rate_elsewhere").asDouble());
    assertThat(truthDifference).isBetween(top.difference().lower(), top.difference().upper());
    if (onlyOne) {
      assertThat(significant).as("changes beyond noise").hasSize(1);
    }
  }

  /**
   * The planted trigger is the contact that most often brings customers back in its window, its interval holds the
   * true rate, and it is most often followed by the planted repeat with the order, the welcome e-mail and the set-up
   * between.
   */
  static void assertSalesCallTriggerFound(RunResult result, JsonNode truth) {
    JsonNode planted = truth.get("planted_trigger");
    int w = JourneyRules.defaults().repeatWindows().stream().map(RepeatWindow::label).toList()
        .indexOf(planted.get("window").asText());
    List<RepeatContact> rows = result.repeatContacts().stream().filter(r -> r.window() == w).toList();
    RepeatContact top = rows.get(0);
    assertThat(top.isTotal()).isTrue();
    assertThat(top.rank()).isEqualTo(1);
    assertThat(top.trigger()).isEqualTo(planted.get("trigger").asText());
    assertThat(planted.get("true_rate").asDouble()).isBetween(top.rate().lower(), top.rate().upper());
    assertThat(rows.get(1).repeat()).isEqualTo(planted.get("most_often_followed_by").asText());
    assertThat(rows.get(1).stepsBetween()).containsExactly("web:order_completed", "email:welcome", "web:account_setup");
  }
}
