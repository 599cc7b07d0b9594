package dev.journeys.jobs.ingest;

import dev.journeys.jobs.engine.spark.Ingest;

/**
 * A file that cannot be read to its end: a reader throws it when the file ends inside a record or an XML
 * element, or when the rest of it cannot be parsed. The records before it have been returned; what comes
 * after is lost, and ingest says so (see {@link Ingest#parse}).
 */
public final class InputBreak extends RuntimeException {

  private final long line;

  public InputBreak(long line, String message) {
    super(message);
    this.line = line;
  }

  /** The line the reader had reached, or -1. */
  public long line() {
    return line;
  }
}
