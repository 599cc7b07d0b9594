package dev.journeys.jobs.ingest.raw;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.io.Serializable;
import java.util.Locale;

/**
 * Phone numbers as identity keys: each written in E.164 ({@code +442079460123}) with Google's libphonenumber, so
 * that a CRM's national {@code 020 7946 0123}, a contact centre's {@code +44 20 7946 0123} and
 * {@code 0044 20 7946 0123} are one key. A number without its country code is read as a number of the default
 * region; without a default region, only numbers written with their country code ({@code +44…} or {@code 0044…})
 * can be read. A number that cannot be read, or has too few or too many digits for its country, is no key.
 */
public final class PhoneNumbers implements Serializable {

  /** No default region: only numbers written with their country code are read. */
  public static final PhoneNumbers INTERNATIONAL_ONLY = new PhoneNumbers(null);

  private final String region;
  /** Numbers read before (a caller calls again and again); emptied when full. Parsing one costs about 15 µs. */
  private transient java.util.Map<String, String> read;
  private static final int CACHED = 1 << 16;
  private static final String UNREADABLE = "";

  private PhoneNumbers(String region) {
    this.region = region;
  }

  /**
   * Numbers read with {@code region} (an ISO 3166 two-letter code such as {@code GB}) as their default country.
   *
   * @throws IllegalArgumentException naming the region when libphonenumber does not know it
   */
  public static PhoneNumbers withDefaultRegion(String region) {
    if (region == null || region.isBlank()) {
      return INTERNATIONAL_ONLY;
    }
    String code = region.trim().toUpperCase(Locale.ROOT);
    if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(code)) {
      throw new IllegalArgumentException("expected a two-letter region such as GB, NL or US, got '" + region + "'");
    }
    return new PhoneNumbers(code);
  }

  /** The default region, or null. */
  public String region() {
    return region;
  }

  /** The number in E.164, or null when it cannot be read as a possible phone number. */
  public String e164(String text) {
    java.util.Map<String, String> cache = read;
    if (cache == null) {
      cache = new java.util.concurrent.ConcurrentHashMap<>();
      read = cache;
    }
    String known = cache.get(text);
    if (known == null) {
      if (cache.size() >= CACHED) {
        cache.clear();
      }
      String number = parse(text);
      known = number == null ? UNREADABLE : number;
      cache.put(text, known);
    }
    return known.isEmpty() ? null : known;
  }

  private String parse(String text) {
    String value = text.trim();
    if (value.isEmpty()) {
      return null;
    }
    if (region == null && value.startsWith("00")) {
      value = "+" + value.substring(2);
    }
    PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    try {
      PhoneNumber number = util.parse(value, region == null ? "ZZ" : region);
      if (!util.isPossibleNumber(number)) {
        return null;
      }
      return util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
    } catch (NumberParseException e) {
      return null;
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PhoneNumbers p && java.util.Objects.equals(region, p.region);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hashCode(region);
  }

  @Override
  public String toString() {
    return region == null ? "international only" : "default region " + region;
  }
}
