package dev.journeys.jobs.ingest;

import dev.journeys.jobs.ingest.raw.Scrubber;


/**
 * How identities are handled: components of more than {@code maxKeys} keys are split back, and customer
 * keys are pseudonymised unless {@code pseudonymiser} is null.
 */
public record Identities(int maxKeys, Pseudonymiser pseudonymiser, Scrubber scrubber)
    implements java.io.Serializable {
  public static final int MAX_KEYS_DEFAULT = 50;
  public static final Identities IN_CLEAR = new Identities(MAX_KEYS_DEFAULT, null);

  public Identities(int maxKeys, Pseudonymiser pseudonymiser) {
    this(maxKeys, pseudonymiser, Scrubber.DEFAULT);
  }
}
