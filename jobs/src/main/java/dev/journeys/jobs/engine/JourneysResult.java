package dev.journeys.jobs.engine;

import dev.journeys.jobs.ingest.EventProfile;
import dev.journeys.jobs.ingest.InputException;
import dev.journeys.model.transition.TransitionCounts;
import java.time.Instant;

/**
 * What building the journeys judged and counted, and how it grouped the events by customer ({@code grouping}, for
 * the manifest): {@link #STREAMED}, {@link #SHUFFLED} and why, or in memory (a small log, without Spark).
 */
public record JourneysResult(Instant cutoff, Instant firstEvent, Instant lastEvent, long eventsAfterCutoff,
    TransitionCounts counts, String grouping) {

  /** How the events were grouped by customer when they lay clustered: streamed, no shuffle. */
  public static final String STREAMED = "streamed: the events lay clustered by customer, no shuffle";
  /** How the events were grouped by customer otherwise: shuffled, for a reason given after this. */
  public static final String SHUFFLED = "shuffled by customer: ";
  /** How the events of a small log were grouped by customer: in memory, without Spark. */
  public static final String IN_MEMORY = "in memory: a small log, sorted by customer in one JVM without Spark";

  /**
   * The instant fates are judged at: the explicit cut-off, else the latest event; fails when every
   * event lies after it.
   */
  public static Instant effectiveCutoff(EventProfile profile, Instant cutoff) {
    Instant effective = cutoff != null ? cutoff : profile.last() != null ? profile.last() : Instant.EPOCH;
    if (profile.events() > 0 && profile.afterCutoff() == profile.events()) {
      throw new InputException("No event lies at or before the cut-off " + effective + ": all " + profile.events()
          + " events are later (the first is at " + profile.first() + ")");
    }
    return effective;
  }

  /** Whether the events were streamed as they lay, with no shuffle. */
  public boolean streamed() {
    return STREAMED.equals(grouping);
  }
}
