package dev.journeys.jobs.io;

/** A folder that must not be written as asked: exit code 2, with what to do instead. */
public final class FolderException extends IllegalArgumentException {
  public FolderException(String message) {
    super(message);
  }
}
