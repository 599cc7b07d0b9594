package dev.journeys.jobs.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An event profile is what one aggregate over the events tells before the journeys are built: the
 * distinct (touchpoint, channel, owner) combinations, the time range, how many events there are and
 * how many lie past the cut-off. Engines take it while they parse ({@link ProfileTally}) or in one aggregate.
 */
public record EventProfile(List<String[]> combinations, Instant first, Instant last, long events, long afterCutoff) {

  public static final EventProfile EMPTY = new EventProfile(List.of(), null, null, 0, 0);

  public EventProfile plus(EventProfile other) {
    Map<List<String>, String[]> distinct = new LinkedHashMap<>();
    for (String[] c : combinations) {
      distinct.put(Arrays.asList(c), c);
    }
    for (String[] c : other.combinations) {
      distinct.putIfAbsent(Arrays.asList(c), c);
    }
    return new EventProfile(new ArrayList<>(distinct.values()), earlier(first, other.first), later(last, other.last),
        events + other.events, afterCutoff + other.afterCutoff);
  }

  private static Instant earlier(Instant a, Instant b) {
    return a == null ? b : b == null || a.isBefore(b) ? a : b;
  }

  private static Instant later(Instant a, Instant b) {
    return a == null ? b : b == null || a.isAfter(b) ? a : b;
  }
}
