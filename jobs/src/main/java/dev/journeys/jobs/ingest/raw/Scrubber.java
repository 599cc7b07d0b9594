package dev.journeys.jobs.ingest.raw;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps personal data out of touchpoint names: the field values a raw export's touchpoint is built from
 * (URL paths, free-text event names, subjects) pass through it before any filter, so that
 * {@code /account/jane@example.com/settings} becomes {@code /account/{email}/settings} and "Call +31 6 0000
 * 0009" becomes "Call {phone}" (slugged: {@code call_phone}). The rules, applied in this order:
 *
 * <ol>
 *   <li>e-mail addresses, also with {@code @} URL-encoded as {@code %40}: {@code {email}};
 *   <li>UUIDs: {@code {id}};
 *   <li>phone numbers written with a leading {@code +} or {@code 00} and at least 7 digits, separators
 *       allowed: {@code {phone}};
 *   <li>hexadecimal tokens of 16 or more characters, and runs of 5 or more digits: {@code {id}};
 *   <li>the patterns a run adds (config {@code scrub.patterns}: placeholder name → regular expression).
 * </ol>
 */
public final class Scrubber implements Serializable {

  private record Rule(Pattern pattern, String placeholder) implements Serializable {}

  private static final List<Rule> BUILT_IN = List.of(
      new Rule(Pattern.compile("[A-Za-z0-9._%+\\-]+(?:@|%40)[A-Za-z0-9\\-]+(?:\\.[A-Za-z0-9\\-]+)*\\.[A-Za-z]{2,}"),
          "{email}"),
      new Rule(Pattern.compile("(?i)\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b"), "{id}"),
      new Rule(Pattern.compile("(?:\\+|\\b00)\\d(?:[\\s.\\-()/]*\\d){6,}"), "{phone}"),
      new Rule(Pattern.compile("(?i)(?<![0-9a-z])[0-9a-f]{16,}(?![0-9a-z])"), "{id}"),
      new Rule(Pattern.compile("\\d{5,}"), "{id}"));

  /** The built-in rules alone. */
  public static final Scrubber DEFAULT = new Scrubber(List.of());

  private final List<Rule> extra;

  private Scrubber(List<Rule> extra) {
    this.extra = List.copyOf(extra);
  }

  /**
   * The built-in rules and, after them, {@code patterns}: placeholder name → regular expression, each match
   * becoming {@code {name}}; throws {@link IllegalArgumentException} naming a pattern that does not compile.
   */
  public static Scrubber with(Map<String, String> patterns) {
    List<Rule> extra = new ArrayList<>();
    for (Map.Entry<String, String> e : patterns.entrySet()) {
      if (!e.getKey().matches("[A-Za-z][A-Za-z0-9_]*")) {
        throw new IllegalArgumentException("scrub pattern name '" + e.getKey() + "': expected letters, digits and _");
      }
      try {
        extra.add(new Rule(Pattern.compile(e.getValue()), "{" + e.getKey() + "}"));
      } catch (java.util.regex.PatternSyntaxException x) {
        throw new IllegalArgumentException("scrub pattern '" + e.getKey() + "': " + x.getDescription() + " in "
            + e.getValue());
      }
    }
    return extra.isEmpty() ? DEFAULT : new Scrubber(extra);
  }

  /** {@code value} with every match of every rule replaced by its placeholder; the same string when none. */
  public String scrub(String value) {
    String out = mayHoldBuiltIn(value) ? apply(BUILT_IN, value) : value;
    return extra.isEmpty() ? out : apply(extra, out);
  }

  private static String apply(List<Rule> rules, String value) {
    String out = value;
    for (Rule r : rules) {
      Matcher m = r.pattern().matcher(out);
      if (m.find()) {
        out = m.replaceAll(Matcher.quoteReplacement(r.placeholder()));
      }
    }
    return out;
  }

  /**
   * Whether a built-in rule could match: each needs an {@code @} or {@code %} (e-mail), a {@code +} or a
   * {@code 00} starting a word (phone), 36 hexadecimal characters and dashes in a row (UUID), 16 hexadecimal
   * characters in a row, or 5 digits in a row. One pass over the characters spares most names (this runs for
   * every record of a raw export) the five regular expressions.
   */
  private static boolean mayHoldBuiltIn(String value) {
    int digits = 0;
    int hex = 0;
    int hexOrDash = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '@' || c == '%' || c == '+') {
        return true;
      }
      boolean digit = c >= '0' && c <= '9';
      boolean hexDigit = digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (c == '0' && i + 1 < value.length() && value.charAt(i + 1) == '0'
          && (i == 0 || !Character.isLetterOrDigit(value.charAt(i - 1)))) {
        return true;
      }
      digits = digit ? digits + 1 : 0;
      hex = hexDigit ? hex + 1 : 0;
      hexOrDash = hexDigit || c == '-' ? hexOrDash + 1 : 0;
      if (digits >= 5 || hex >= 16 || hexOrDash >= 36) {
        return true;
      }
    }
    return false;
  }
}
