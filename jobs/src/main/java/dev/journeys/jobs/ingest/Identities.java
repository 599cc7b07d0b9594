package dev.journeys.jobs.ingest;

import dev.journeys.jobs.ingest.raw.PhoneNumbers;
import dev.journeys.jobs.ingest.raw.Scrubber;

/**
 * How identities are handled: components of more than {@code maxKeys} keys are split back, customer keys are
 * pseudonymised unless {@code pseudonymiser} is null, touchpoints pass {@code scrubber}, phone numbers are read by
 * {@code phones}, and with {@code chainsAsOne} the later legs of a contact chain (a transfer, a callback) are part of
 * its first leg's contact, not contacts of their own.
 */
public record Identities(int maxKeys, Pseudonymiser pseudonymiser, Scrubber scrubber, PhoneNumbers phones,
    boolean chainsAsOne) implements java.io.Serializable {
  public static final int MAX_KEYS_DEFAULT = 50;
  public static final Identities IN_CLEAR = new Identities(MAX_KEYS_DEFAULT, null);

  public Identities(int maxKeys, Pseudonymiser pseudonymiser) {
    this(maxKeys, pseudonymiser, Scrubber.DEFAULT, PhoneNumbers.INTERNATIONAL_ONLY, false);
  }
}
