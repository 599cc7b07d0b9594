package dev.journeys.jobs.ingest.text;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes bytes through unchanged while counting the malformed UTF-8 sequences among them (stray
 * continuation bytes, overlong forms, surrogates, sequences cut short), so that readers that decode with
 * the JDK, which replaces such sequences with U+FFFD silently, can report a file that is not UTF-8.
 */
public final class Utf8Counter extends FilterInputStream {

  private int need;
  private int lo = 0x80;
  private int hi = 0xBF;
  private long malformed;
  private boolean ended;

  public Utf8Counter(InputStream in) {
    super(in);
  }

  /** Malformed sequences in the bytes read so far (and one more for a sequence cut by the end). */
  public long malformed() {
    return malformed + (ended && need > 0 ? 1 : 0);
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b < 0) {
      ended = true;
    } else {
      check(b);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int off, int len) throws IOException {
    int n = super.read(buffer, off, len);
    if (n < 0) {
      ended = true;
    }
    for (int i = 0; i < n; i++) {
      check(buffer[off + i] & 0xFF);
    }
    return n;
  }

  private void check(int b) {
    if (need > 0) {
      if (b >= lo && b <= hi) {
        need--;
        lo = 0x80;
        hi = 0xBF;
        return;
      }
      malformed++;
      need = 0;
      lo = 0x80;
      hi = 0xBF;
    }
    if (b < 0x80) {
      return;
    }
    if (b >= 0xC2 && b <= 0xDF) {
      need = 1;
    } else if (b >= 0xE0 && b <= 0xEF) {
      need = 2;
      lo = b == 0xE0 ? 0xA0 : 0x80;
      hi = b == 0xED ? 0x9F : 0xBF;
    } else if (b >= 0xF0 && b <= 0xF4) {
      need = 3;
      lo = b == 0xF0 ? 0x90 : 0x80;
      hi = b == 0xF4 ? 0x8F : 0xBF;
    } else {
      malformed++;
    }
  }
}
