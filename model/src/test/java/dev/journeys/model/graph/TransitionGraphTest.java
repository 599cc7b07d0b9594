package dev.journeys.model.graph;

import static dev.journeys.model.event.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.model.analysis.InMemoryAnalysis;
import dev.journeys.model.event.Event;
import dev.journeys.model.journey.JourneyRules;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransitionGraphTest {

  static InMemoryAnalysis analysis() {
    List<Event> events = new ArrayList<>();
    String[][] journeys = {
        {"web:a", "web:b", "web:d"}, {"web:a", "web:b", "web:d"}, {"web:a", "web:c", "web:b", "web:c", "web:d"}};
    for (int j = 0; j < journeys.length; j++) {
      for (int i = 0; i < journeys[j].length; i++) {
        events.add(event().customer("c" + j).at("2026-03-01T00:0" + i + ":00Z").on(journeys[j][i]).build());
      }
    }
    return InMemoryAnalysis.run(events, JourneyRules.defaults(), null);
  }

  @Test
  void findsTheMostLikelyPathLoopsAndBusiestTouchpoints() {
    InMemoryAnalysis a = analysis();
    TransitionGraph graph = TransitionGraph.of(a.transitions().transitions());
    GraphInsights insights = graph.insights(a.counts().touchpoints(), a.counts().journeys(), 3);

    assertThat(insights.commonPath().touchpoints()).containsExactly("START", "web:a", "web:b", "web:d", "END");
    assertThat(insights.commonPath().probability()).isCloseTo(2.0 / 3 * 2.0 / 3, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(insights.loops()).singleElement().satisfies(loop -> {
      assertThat(loop.touchpoints()).containsExactly("web:b", "web:c");
      assertThat(loop.passages()).isEqualTo(2);
    });
    assertThat(insights.busiestTouchpoints().get(0).touchpoint()).isEqualTo("web:a");
    assertThat(insights.busiestTouchpoints().get(0).journeys()).isEqualTo(3);
    assertThat(graph.topTransitionsFrom("web:b", 1).get(0).to()).isEqualTo("web:d");
  }
}
