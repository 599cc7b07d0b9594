package dev.journeys.jobs.ingest;

/** A problem with the inputs a user can fix: a missing file or column, or too many unreadable rows. */
public final class InputException extends RuntimeException {

  public InputException(String message) {
    super(message);
  }
}
