package dev.journeys.model.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NearestTest {

  static final List<String> TOUCHPOINTS = List.of("web:order_completed", "web:order_started", "web:view_rates",
      "phone:billing", "Web:Order_Complete_Page");

  @Test
  void aTypoFindsTheTouchpointsItWasMeantToBe() {
    assertThat(Nearest.to("web:order_complete", TOUCHPOINTS, 3))
        .containsExactly("web:order_completed", "Web:Order_Complete_Page", "web:order_started");
  }

  @Test
  void nothingNearGivesNothing() {
    assertThat(Nearest.to("crm:renewal", TOUCHPOINTS, 3)).isEmpty();
  }

  @Test
  void distanceCountsInsertionsDeletionsAndSubstitutions() {
    assertThat(Nearest.distance("kitten", "sitting", 100)).isEqualTo(3);
    assertThat(Nearest.distance("", "abc", 100)).isEqualTo(3);
    assertThat(Nearest.distance("same", "same", 0)).isZero();
  }
}
