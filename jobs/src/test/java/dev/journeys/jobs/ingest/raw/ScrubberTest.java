package dev.journeys.jobs.ingest.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ScrubberTest {

  final Scrubber s = Scrubber.DEFAULT;

  @Test
  void emailAddressesInPathsAndTextBecomePlaceholders() {
    assertThat(s.scrub("/account/jane@example.com/settings")).isEqualTo("/account/{email}/settings");
    assertThat(s.scrub("/account/jane.doe%40mail.example.co.uk/x")).isEqualTo("/account/{email}/x");
    assertThat(s.scrub("Contact jane@example.com now")).isEqualTo("Contact {email} now");
  }

  @Test
  void phoneNumbersIdsAndUuidsBecomePlaceholders() {
    assertThat(s.scrub("Call +31 6 0000 0009")).isEqualTo("Call {phone}");
    assertThat(s.scrub("call 0031-20-555-0100 back")).isEqualTo("call {phone} back");
    assertThat(s.scrub("/order/12345/track")).isEqualTo("/order/{id}/track");
    assertThat(s.scrub("/tickets/3f2b8c1e-9d4a-4b6f-8e2a-1c3d5e7f9a0b")).isEqualTo("/tickets/{id}");
    assertThat(s.scrub("/reset/9f86d081884c7d659a2feaa0c55ad015")).isEqualTo("/reset/{id}");
  }

  @Test
  void ordinaryNamesStayAsTheyAre() {
    for (String name : new String[] {"/images/web/2009/banner.png", "Rate Shown", "/blog/tags/release", "T10 Determine",
        "/api/v2/orders", "/2015/05/17"}) {
      assertThat(s.scrub(name)).isSameAs(name);
    }
  }

  @Test
  void aRunCanAddPatterns() {
    Scrubber more = Scrubber.with(Map.of("member", "M-[A-Z]{3}"));
    assertThat(more.scrub("/members/M-ABC/profile")).isEqualTo("/members/{member}/profile");
    assertThatThrownBy(() -> Scrubber.with(Map.of("bad", "(")))
        .hasMessageContaining("scrub pattern 'bad'");
  }
}
