package dev.journeys.jobs.ingest.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8CounterTest {

  static long malformed(byte[] bytes) throws IOException {
    try (Utf8Counter in = new Utf8Counter(new ByteArrayInputStream(bytes))) {
      byte[] out = in.readAllBytes();
      assertThat(out).isEqualTo(bytes);
      return in.malformed();
    }
  }

  @Test
  void validUtf8HasNone() throws IOException {
    assertThat(malformed("café ✓ 😀 plain".getBytes(StandardCharsets.UTF_8))).isZero();
  }

  @Test
  void latin1StrayBytesSurrogatesOverlongFormsAndACutEndAreCounted() throws IOException {
    assertThat(malformed("café naïve".getBytes(StandardCharsets.ISO_8859_1))).isEqualTo(2);
    assertThat(malformed(new byte[] {'a', (byte) 0x80, 'b'})).isEqualTo(1);
    assertThat(malformed(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})).isEqualTo(3);
    assertThat(malformed(new byte[] {(byte) 0xC0, (byte) 0xAF})).isEqualTo(2);
    assertThat(malformed(new byte[] {'x', (byte) 0xE2, (byte) 0x9C})).isEqualTo(1);
  }
}
