package dev.journeys.jobs.ingest.text;

import java.util.Locale;

/** Reads the yes/no flags of exports: true/false, t/f, yes/no, y/n, 1/0; empty is false. */
public final class Flags {

  private Flags() {}

  /** The flag, or null when the text is none of those. */
  public static Boolean parse(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true", "t", "yes", "y", "1" -> Boolean.TRUE;
      case "false", "f", "no", "n", "0", "" -> Boolean.FALSE;
      default -> null;
    };
  }
}
