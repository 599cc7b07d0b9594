package dev.journeys.jobs.ingest.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Phone numbers as identity keys: one number in every form it is written in is one E.164 key. */
class PhoneNumbersTest {

  @Test
  void theNationalInternationalAndIddFormsOfANumberAreOneKey() {
    PhoneNumbers gb = PhoneNumbers.withDefaultRegion("GB");
    assertThat(gb.e164("020 7946 0123")).isEqualTo("+442079460123");
    assertThat(gb.e164("+44 20 7946 0123")).isEqualTo("+442079460123");
    assertThat(gb.e164("0044 20 7946 0123")).isEqualTo("+442079460123");
    assertThat(gb.e164("(020) 7946-0123")).isEqualTo("+442079460123");
    assertThat(gb.e164("+31 6 1234 5678")).isEqualTo("+31612345678");
  }

  @Test
  void withoutADefaultRegionOnlyNumbersWithTheirCountryCodeAreRead() {
    PhoneNumbers none = PhoneNumbers.INTERNATIONAL_ONLY;
    assertThat(none.e164("+44 20 7946 0123")).isEqualTo("+442079460123");
    assertThat(none.e164("0044 20 7946 0123")).isEqualTo("+442079460123");
    assertThat(none.e164("020 7946 0123")).isNull();
  }

  @Test
  void whatIsNoPossibleNumberIsNoKey() {
    PhoneNumbers gb = PhoneNumbers.withDefaultRegion("gb");
    assertThat(gb.region()).isEqualTo("GB");
    assertThat(gb.e164("n/a")).isNull();
    assertThat(gb.e164("12")).isNull();
    assertThat(gb.e164("  ")).isNull();
    assertThat(gb.e164("+44 20 7946 0123 4567 89")).isNull();
  }

  @Test
  void anUnknownRegionIsRefusedNamingIt() {
    assertThatThrownBy(() -> PhoneNumbers.withDefaultRegion("UK"))
        .hasMessage("expected a two-letter region such as GB, NL or US, got 'UK'");
    assertThat(PhoneNumbers.withDefaultRegion(" ")).isSameAs(PhoneNumbers.INTERNATIONAL_ONLY);
  }
}
