package dev.journeys.jobs.ingest;

/**
 * An ingest record is what a reader makes of one source record: an event in the unified schema (with the
 * attributes its source keeps, null when none), or a quarantined row with its line, the reason and the raw text.
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
    String raw,
    java.util.Map<String, String> attributes) {

  public static IngestRecord event(String customerId, String caseId, long tsMicros, String touchpoint,
      String channel, String owner, boolean assisted, long seq, long line) {
    return event(customerId, caseId, tsMicros, touchpoint, channel, owner, assisted, seq, line, null);
  }

  public static IngestRecord event(String customerId, String caseId, long tsMicros, String touchpoint,
      String channel, String owner, boolean assisted, long seq, long line, java.util.Map<String, String> attributes) {
    return new IngestRecord(customerId, caseId, tsMicros, touchpoint, channel, owner, assisted, seq, line, null, null,
        attributes);
  }

  public static IngestRecord bad(long seq, long line, String reason, String raw) {
    return new IngestRecord(null, null, 0, null, null, null, false, seq, line, reason, raw, null);
  }

  /**
   * The attributes kept from a record: each name with its value, trimmed; names whose value is missing or blank are
   * left out; null when none is left.
   */
  public static java.util.Map<String, String> attributes(java.util.List<String> names, java.util.List<String> values) {
    java.util.Map<String, String> kept = null;
    for (int i = 0; i < names.size(); i++) {
      String value = values.get(i);
      if (value != null && !value.isBlank()) {
        if (kept == null) {
          kept = new java.util.TreeMap<>();
        }
        kept.put(names.get(i), value.trim());
      }
    }
    return kept;
  }

  public boolean isBad() {
    return reason != null;
  }
}
