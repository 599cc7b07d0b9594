package dev.journeys.jobs.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 as {@link java.io.InputStreamReader} does, a malformed sequence becoming U+FFFD, but counts
 * the sequences it replaced, so that a file that is not UTF-8 (or is damaged) is reported rather than
 * passing silently with replacement characters in its names.
 */
public final class Utf8Reader extends Reader {

  private final InputStream in;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
  private boolean eof;
  private long malformed;

  public Utf8Reader(InputStream in) {
    this.in = in;
  }

  /** The malformed byte sequences replaced so far. */
  public long malformed() {
    return malformed;
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    CharBuffer out = CharBuffer.wrap(buffer, offset, length);
    if (pendingReplacement) {
      out.put('\uFFFD');
      pendingReplacement = false;
    }
    while (out.hasRemaining()) {
      CoderResult result = decoder.decode(bytes, out, eof);
      if (result.isError()) {
        // A malformed sequence (or one cut by the end of the input): skip its bytes, write U+FFFD, count it.
        bytes.position(bytes.position() + result.length());
        malformed++;
        if (out.hasRemaining()) {
          out.put('\uFFFD');
        } else {
          pendingReplacement = true;
        }
      } else if (result.isUnderflow()) {
        if (out.position() > offset || eof) {
          break;
        }
        fill();
      } else {
        break;
      }
    }
    int read = out.position() - offset;
    return read == 0 && eof ? -1 : read;
  }

  private boolean pendingReplacement;

  private void fill() throws IOException {
    bytes.compact();
    int n = in.read(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
    if (n < 0) {
      eof = true;
    } else {
      bytes.position(bytes.position() + n);
    }
    bytes.flip();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
