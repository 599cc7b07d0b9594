package dev.journeys.model.event;

import java.time.Instant;

/** Test data builder for events, with fixed values and no clock. */
public final class Events {

  private String customer = "c1";
  private String caseId;
  private Instant ts = Instant.parse("2026-03-01T09:00:00Z");
  private String touchpoint = "web:view";
  private String owner;
  private Boolean assisted;
  private long seq;

  public static Events event() {
    return new Events();
  }

  public Events customer(String value) {
    customer = value;
    return this;
  }

  public Events inCase(String value) {
    caseId = value;
    return this;
  }

  public Events at(String instant) {
    ts = Instant.parse(instant);
    return this;
  }

  public Events on(String value) {
    touchpoint = value;
    return this;
  }

  public Events owner(String value) {
    owner = value;
    return this;
  }

  public Events assisted(boolean value) {
    assisted = value;
    return this;
  }

  public Events seq(long value) {
    seq = value;
    return this;
  }

  public Event build() {
    String channel = Touchpoint.channelOf(touchpoint);
    boolean isAssisted = assisted != null ? assisted
        : channel != null && (channel.equals("phone") || channel.equals("chat") || channel.equals("email"));
    return new Event(customer, caseId, ts, touchpoint, channel, owner, "test", 0, seq, isAssisted);
  }
}
