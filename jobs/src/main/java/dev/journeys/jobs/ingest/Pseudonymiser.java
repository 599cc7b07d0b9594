package dev.journeys.jobs.ingest;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A pseudonymiser replaces personal keys (customer ids, phone numbers, e-mail and client addresses)
 * with a keyed hash: HMAC-SHA-256 under a secret, the first 128 bits in hex. The same secret gives
 * the same pseudonym in every run; without the secret a pseudonym cannot be traced back or recomputed.
 */
public final class Pseudonymiser implements Serializable {

  /** The environment variable that holds the secret. */
  public static final String SECRET_VARIABLE = "JOURNEYS_SECRET";
  static final int MIN_SECRET_LENGTH = 16;
  private static final String ALGORITHM = "HmacSHA256";

  private final byte[] secret;
  private transient Mac mac;

  private Pseudonymiser(byte[] secret) {
    this.secret = secret.clone();
  }

  /**
   * The pseudonymiser for the secret in {@value #SECRET_VARIABLE}; throws {@link IllegalArgumentException}
   * saying what to do when it is missing or too short.
   */
  public static Pseudonymiser fromEnvironment(Map<String, String> environment) {
    String value = environment.get(SECRET_VARIABLE);
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("Customer keys must be pseudonymised, but " + SECRET_VARIABLE
          + " is not set: set it to a secret of at least " + MIN_SECRET_LENGTH + " characters (keep it to get the same "
          + "pseudonyms next run), or pass --no-pseudonymise to write keys in clear on purpose");
    }
    return of(value);
  }

  public static Pseudonymiser of(String secret) {
    if (secret.length() < MIN_SECRET_LENGTH) {
      throw new IllegalArgumentException(SECRET_VARIABLE + " is too short: " + secret.length() + " characters, at least "
          + MIN_SECRET_LENGTH + " needed");
    }
    if (secret.chars().distinct().count() < 4) {
      // Sixteen spaces, or one key held down: anyone could guess it and undo the pseudonyms.
      throw new IllegalArgumentException(SECRET_VARIABLE + " is too easy to guess: it uses fewer than 4 different "
          + "characters; choose a random secret, e.g. from `openssl rand -base64 32`");
    }
    return new Pseudonymiser(secret.getBytes(StandardCharsets.UTF_8));
  }

  /** The pseudonym of {@code value}: 32 hex digits; null stays null. */
  public String pseudonym(String value) {
    if (value == null) {
      return null;
    }
    byte[] digest = mac().doFinal(value.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest, 0, 16);
  }

  private Mac mac() {
    if (mac == null) {
      try {
        mac = Mac.getInstance(ALGORITHM);
        mac.init(new SecretKeySpec(secret, ALGORITHM));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("Cannot create " + ALGORITHM + ": " + e.getMessage(), e);
      }
    }
    return mac;
  }
}
