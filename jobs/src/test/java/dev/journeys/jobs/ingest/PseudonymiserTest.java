package dev.journeys.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PseudonymiserTest {

  static final String SECRET = "correct horse battery staple";

  @Test
  void isAKeyedHashStableAcrossInstances() {
    Pseudonymiser a = Pseudonymiser.of(SECRET);
    // HMAC-SHA-256("correct horse battery staple", "+31201234567"), first 16 bytes, computed with openssl.
    assertThat(a.pseudonym("+31201234567")).isEqualTo("30a57fe08a60ddb265c881ab92951b51")
        .isEqualTo(Pseudonymiser.of(SECRET).pseudonym("+31201234567"));
    assertThat(a.pseudonym("+31201234567")).isNotEqualTo(Pseudonymiser.of(SECRET + "!").pseudonym("+31201234567"));
    assertThat(a.pseudonym(null)).isNull();
  }

  @Test
  void refusesWithoutASecretAndSaysWhatToDo() {
    assertThatThrownBy(() -> Pseudonymiser.fromEnvironment(Map.of()))
        .hasMessageContaining("JOURNEYS_SECRET is not set").hasMessageContaining("--no-pseudonymise");
    assertThatThrownBy(() -> Pseudonymiser.fromEnvironment(Map.of("JOURNEYS_SECRET", "short")))
        .hasMessageContaining("too short: 5 characters");
  }
}
