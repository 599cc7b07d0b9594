package dev.journeys.jobs.ingest;

import dev.journeys.model.event.Micros;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One file's profile, taken while it is parsed: the (touchpoint, channel, owner) combinations, time range, events,
 * events after the cut-off, quarantined rows, where the file broke off and its invalid UTF-8. Tallies merge, so
 * that each engine adds up its files' tallies as it likes (Spark through an accumulator, one add per file).
 */
public final class ProfileTally implements Serializable {
  private final Long cutoffMicros;
  private final Map<List<String>, String[]> combinations = new LinkedHashMap<>();
  private long first = Long.MAX_VALUE;
  private long last = Long.MIN_VALUE;
  private long events;
  private long afterCutoff;
  private long quarantined;
  private final List<Break> breaks = new ArrayList<>();
  private final Map<String, Long> invalidUtf8 = new java.util.TreeMap<>();

  public ProfileTally(Instant cutoff) {
    this.cutoffMicros = cutoff == null ? null : Micros.of(cutoff);
  }

  public void event(long tsMicros, String touchpoint, String channel, String owner) {
    List<String> key = Arrays.asList(touchpoint, channel, owner);
    if (!combinations.containsKey(key)) {
      combinations.put(key, new String[] {touchpoint, channel, owner});
    }
    first = Math.min(first, tsMicros);
    last = Math.max(last, tsMicros);
    events++;
    if (cutoffMicros != null && tsMicros > cutoffMicros) {
      afterCutoff++;
    }
  }

  public void quarantined() {
    quarantined++;
  }

  /** The file could not be read to its end. */
  public void broke(Break b) {
    breaks.add(b);
  }

  /** The file held {@code sequences} malformed UTF-8 sequences, read as U+FFFD. */
  public void invalidUtf8(String file, long sequences) {
    invalidUtf8.merge(file, sequences, Long::sum);
  }

  /** The files that could not be read to their end, by path. */
  public List<Break> breaks() {
    List<Break> sorted = new ArrayList<>(breaks);
    sorted.sort(java.util.Comparator.comparing(Break::file));
    return sorted;
  }

  /** Malformed UTF-8 sequences per file, by path. */
  public Map<String, Long> invalidUtf8() {
    return java.util.Collections.unmodifiableMap(invalidUtf8);
  }

  public void merge(ProfileTally other) {
    other.combinations.forEach(combinations::putIfAbsent);
    first = Math.min(first, other.first);
    last = Math.max(last, other.last);
    events += other.events;
    afterCutoff += other.afterCutoff;
    quarantined += other.quarantined;
    breaks.addAll(other.breaks);
    other.invalidUtf8.forEach((f, n) -> invalidUtf8.merge(f, n, Long::sum));
  }

  /** The profile, its combinations sorted, so that it does not depend on which task finished first. */
  public EventProfile profile() {
    List<String[]> sorted = new ArrayList<>(combinations.values());
    java.util.Comparator<String> names = java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder());
    sorted.sort(java.util.Comparator.<String[], String>comparing(c -> c[0], names)
        .thenComparing(c -> c[1], names).thenComparing(c -> c[2], names));
    return events == 0 ? EventProfile.EMPTY : new EventProfile(sorted, Micros.toInstant(first),
        Micros.toInstant(last), events, afterCutoff);
  }

  public long quarantinedRows() {
    return quarantined;
  }

  public boolean isEmpty() {
    return events == 0 && quarantined == 0 && breaks.isEmpty() && invalidUtf8.isEmpty();
  }
}
