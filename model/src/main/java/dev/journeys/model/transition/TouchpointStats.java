package dev.journeys.model.transition;

import java.io.Serial;
import java.io.Serializable;

/** Touchpoint stats count a touchpoint's events and the distinct journeys and customers that reach it. */
public final class TouchpointStats implements Serializable {

  @Serial private static final long serialVersionUID = 1L;

  long events;
  long journeys;
  long customers;

  /** Counts one event; the flags say whether it is the touchpoint's first in its journey and customer. */
  public void addEvent(boolean firstInJourney, boolean firstInCustomer) {
    events++;
    if (firstInJourney) {
      journeys++;
    }
    if (firstInCustomer) {
      customers++;
    }
  }

  public void merge(TouchpointStats other) {
    events += other.events;
    journeys += other.journeys;
    customers += other.customers;
  }

  public long events() {
    return events;
  }

  public long journeys() {
    return journeys;
  }

  public long customers() {
    return customers;
  }
}
