package dev.journeys.jobs.ingest;

/**
 * An ingest record is what a reader makes of one source record: an event in the unified schema, or a
 * quarantined row with its line, the reason and the raw text.
 */
public record IngestRecord(
    String customerId,
    String caseId,
    long tsMicros,
    String touchpoint,
    String channel,
    String owner,
    boolean assisted,
    long seq,
    long line,
    String reason,
    String raw) {

  public static IngestRecord event(String customerId, String caseId, long tsMicros, String touchpoint,
      String channel, String owner, boolean assisted, long seq, long line) {
    return new IngestRecord(customerId, caseId, tsMicros, touchpoint, channel, owner, assisted, seq, line, null, null);
  }

  public static IngestRecord bad(long seq, long line, String reason, String raw) {
    return new IngestRecord(null, null, 0, null, null, null, false, seq, line, reason, raw);
  }

  public boolean isBad() {
    return reason != null;
  }
}
