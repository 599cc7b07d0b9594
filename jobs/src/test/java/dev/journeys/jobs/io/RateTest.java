package dev.journeys.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.model.journey.JourneyRules;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rate columns are named in one place, and a table's header tells its rates back. */
class RateTest {

  @Test
  void namesEachRatesFiveColumns() {
    assertThat(Rate.DROP_OFF.columns())
        .containsExactly("drop_off_rate", "drop_off_lower", "drop_off_upper", "drop_off_decided", "drop_off_hits");
    assertThat(Rate.repeatContact("7d").columns()).containsExactly("repeat_contact_rate_7d",
        "repeat_contact_lower_7d", "repeat_contact_upper_7d", "repeat_contact_decided_7d", "repeat_contact_hits_7d");
    assertThat(Rate.repeatContact("24h").label()).isEqualTo("repeat_contact_24h");
  }

  @Test
  void readsTheRatesOfATransitionTableFromItsHeader() {
    List<String> header = new TransitionRows(JourneyRules.defaults().repeatWindows()).header();
    assertThat(Rate.inColumns(header)).extracting(Rate::label).containsExactly("drop_off", "eventual_drop_off",
        "repeat_contact_24h", "repeat_contact_7d", "repeat_contact_30d");
    assertThat(Rate.ofColumn("eventual_drop_off_upper")).isEqualTo(Rate.EVENTUAL_DROP_OFF);
    assertThat(Rate.ofColumn("repeat_contact_hits_30d")).isEqualTo(Rate.repeatContact("30d"));
    assertThat(Rate.ofColumn("drop_off_rank")).isNull();
    assertThat(Rate.ofColumn("median_gap_seconds")).isNull();
    assertThat(Rate.ofColumn("channel_switch_share")).isNull();
  }
}
