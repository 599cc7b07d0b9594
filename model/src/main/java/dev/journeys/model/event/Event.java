package dev.journeys.model.event;

import java.time.Instant;
import java.util.Objects;

/**
 * An event is one logged interaction of a customer with a touchpoint, in the unified event schema.
 *
 * @param customerId  stitched customer key; never blank
 * @param caseId      the case the event belongs to in an event log, or null
 * @param ts          when it happened (UTC instant)
 * @param touchpoint  what happened, e.g. {@code web:view_rates}
 * @param channel     where it happened (web, phone, ...), or null when unknown
 * @param owner       the department owning the touchpoint, or null when unknown
 * @param source      which input the event came from
 * @param sourceOrder the position of that input in the run; orders equal timestamps across inputs
 * @param seq         the position within its input (file order); orders equal timestamps within one
 * @param assisted    whether staff handled the contact (call, chat, e-mail, branch, case)
 */
public record Event(
    String customerId,
    String caseId,
    Instant ts,
    String touchpoint,
    String channel,
    String owner,
    String source,
    int sourceOrder,
    long seq,
    boolean assisted) {

  public Event {
    if (customerId == null || customerId.isBlank()) {
      throw new IllegalArgumentException(
          "Cannot create event: customer id is blank (source=" + source + ", seq " + seq + ")");
    }
    Objects.requireNonNull(ts, () -> "Cannot create event: timestamp is missing (source=" + source + ", seq " + seq + ")");
    Touchpoint.requireName(touchpoint, source, seq);
  }

  /** The event's time in microseconds since the epoch, the unit of the kernel and of Spark timestamps. */
  public long tsMicros() {
    return Micros.of(ts);
  }
}
