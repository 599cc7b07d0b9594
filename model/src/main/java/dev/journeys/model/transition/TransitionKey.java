package dev.journeys.model.transition;

import java.io.Serializable;

/** A transition key names a directly-follows pair {@code from → to} of touchpoints. */
public record TransitionKey(String from, String to) implements Serializable, Comparable<TransitionKey> {

  @Override
  public int compareTo(TransitionKey other) {
    int c = from.compareTo(other.from);
    return c != 0 ? c : to.compareTo(other.to);
  }

  @Override
  public String toString() {
    return from + " → " + to;
  }
}
