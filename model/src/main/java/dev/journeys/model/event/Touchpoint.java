package dev.journeys.model.event;

/**
 * A touchpoint is what happened, named {@code channel:action} (e.g. {@code web:view_rates}); the
 * virtual touchpoints {@link #START} and {@link #END} open and close every journey.
 */
public record Touchpoint(String name) {

  public static final String START_NAME = "START";
  public static final String END_NAME = "END";
  public static final Touchpoint START = new Touchpoint(START_NAME);
  public static final Touchpoint END = new Touchpoint(END_NAME);

  public Touchpoint {
    requireName(name, null, -1);
  }

  /** Whether this is {@code START} or {@code END}. */
  public boolean isVirtual() {
    return isVirtual(name);
  }

  public static boolean isVirtual(String name) {
    return START_NAME.equals(name) || END_NAME.equals(name);
  }

  /** The channel a touchpoint name implies: its prefix before the first ':', or null when there is none. */
  public static String channelOf(String name) {
    int colon = name.indexOf(':');
    return colon > 0 ? name.substring(0, colon) : null;
  }

  static void requireName(String name, String source, long seq) {
    if (name == null || name.isBlank()) {
      String where = source == null ? "" : " (source=" + source + ", seq " + seq + ")";
      throw new IllegalArgumentException("Cannot create touchpoint: name is blank" + where);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
