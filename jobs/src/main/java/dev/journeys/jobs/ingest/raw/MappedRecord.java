package dev.journeys.jobs.ingest.raw;

import java.util.List;

/**
 * A mapped record is what a source mapping makes of one field record: an event (time, touchpoint,
 * channel, owner, assisted) with the identity keys the record carries, most trusted first; or, for a
 * record that only links identities (a Segment {@code identify}), the keys alone; or a reason it could
 * not be read; or nothing, when the source's filters leave it out.
 *
 * @param eventId           the record's own id when the source names one (for de-duplication), else null
 * @param keys              identity keys as {@code kind:value}, normalised (phones to E.164, e-mails to lower case)
 * @param unattributed      readable, but without any identity key: no customer can be given to it
 * @param unreadablePhones  phone numbers the record held that could not be read as numbers (no key)
 */
public record MappedRecord(String eventId, long tsMicros, String touchpoint, String channel, String owner,
    boolean assisted, List<String> keys, boolean linksOnly, String error, boolean excluded, boolean unattributed,
    boolean scrubbed, int unreadablePhones, java.util.Map<String, String> attributes) {

  /** A record without attributes. */
  public MappedRecord(String eventId, long tsMicros, String touchpoint, String channel, String owner,
      boolean assisted, List<String> keys, boolean linksOnly, String error, boolean excluded, boolean unattributed,
      boolean scrubbed, int unreadablePhones) {
    this(eventId, tsMicros, touchpoint, channel, owner, assisted, keys, linksOnly, error, excluded, unattributed,
        scrubbed, unreadablePhones, null);
  }

  public static MappedRecord bad(String error) {
    return new MappedRecord(null, 0, null, null, null, false, List.of(), false, error, false, false, false, 0);
  }

  /** Left out by the source's filters (static assets, bots). */
  public static final MappedRecord EXCLUDED = new MappedRecord(null, 0, null, null, null, false, List.of(), false,
      null, true, false, false, 0);

  /** Readable, but it carries none of the source's identity keys ({@code unreadablePhones} numbers not read). */
  static MappedRecord unattributed(int unreadablePhones) {
    return new MappedRecord(null, 0, null, null, null, false, List.of(), false, null, false, true, false,
        unreadablePhones);
  }

  /** Only links the identity keys it carries. */
  static MappedRecord links(List<String> keys, int unreadablePhones) {
    return new MappedRecord(null, 0, null, null, null, false, keys, true, null, false, false, false, unreadablePhones);
  }

  public boolean isBad() {
    return error != null;
  }
}
