package dev.journeys.model.graph;

import dev.journeys.model.transition.Transition;

/** A transition edge carries one transition's statistics in the graph; edges keep identity equality. */
public final class TransitionEdge {

  private final Transition transition;

  TransitionEdge(Transition transition) {
    this.transition = transition;
  }

  public Transition transition() {
    return transition;
  }

  @Override
  public String toString() {
    return transition.from() + " → " + transition.to();
  }
}
