package dev.journeys.jobs.ingest.raw;

import java.util.List;

/**
 * A mapped record is what a source mapping makes of one field record: an event (time, touchpoint,
 * channel, owner, assisted) with the identity keys the record carries, most trusted first; or, for a
 * record that only links identities (a Segment {@code identify}), the keys alone; or a reason it could
 * not be read; or nothing, when the source's filters leave it out.
 *
 * @param eventId  the record's own id when the source names one (for de-duplication), else null
 * @param keys     identity keys as {@code kind:value}, normalised (phones to digits, e-mails to lower case)
 */
public record MappedRecord(String eventId, long tsMicros, String touchpoint, String channel, String owner,
    boolean assisted, List<String> keys, boolean linksOnly, String error, boolean excluded, boolean unattributed,
    boolean scrubbed) {

  public static MappedRecord bad(String error) {
    return new MappedRecord(null, 0, null, null, null, false, List.of(), false, error, false, false, false);
  }

  /** Left out by the source's filters (static assets, bots). */
  public static final MappedRecord EXCLUDED = new MappedRecord(null, 0, null, null, null, false, List.of(), false,
      null, true, false, false);

  /** Readable, but it carries none of the source's identity keys: no customer can be given to it. */
  public static final MappedRecord UNATTRIBUTED = new MappedRecord(null, 0, null, null, null, false, List.of(), false,
      null, false, true, false);

  public boolean isBad() {
    return error != null;
  }
}
