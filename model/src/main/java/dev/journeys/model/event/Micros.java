package dev.journeys.model.event;

import java.time.Instant;

/** Converts between instants and microseconds since the epoch, the time unit of the kernel and of Spark. */
public final class Micros {

  private Micros() {}

  public static long of(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
  }

  public static Instant toInstant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }
}
