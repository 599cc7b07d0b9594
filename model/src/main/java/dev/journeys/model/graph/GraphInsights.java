package dev.journeys.model.graph;

import java.util.List;

/**
 * Graph insights are what the transition graph answers: the most likely path from START to END, the
 * loops customers bounce around in, and the touchpoints most journeys pass through.
 */
public record GraphInsights(CommonPath commonPath, List<Loop> loops, List<Reach> busiestTouchpoints) {

  /** The path whose product of transition probabilities (passages out of the touchpoint's outgoing passages) is highest. */
  public record CommonPath(List<String> touchpoints, double probability) {}

  /** A strongly connected set of more than one touchpoint, with the passages between its members. */
  public record Loop(List<String> touchpoints, long passages) {}

  /** How many journeys and customers pass through a touchpoint. */
  public record Reach(String touchpoint, long journeys, double journeyShare, long customers) {}
}
