package dev.journeys.jobs.ingest;

import dev.journeys.model.event.Micros;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.util.AccumulatorV2;

/**
 * Profiles events while they are parsed, so that ingest needs no second pass over what it wrote: each
 * task profiles its file in a {@link Tally} and adds it once, at the file's end; the driver gets the
 * events' {@link EventProfile} and the number of quarantined rows.
 */
final class ProfileAccumulator extends AccumulatorV2<ProfileAccumulator.Tally, ProfileAccumulator.Tally> {

  private Tally tally = new Tally(null);

  /** One file's profile: combinations, time range, events, events after the cut-off, quarantined rows. */
  static final class Tally implements Serializable {
    private final Long cutoffMicros;
    private final Map<List<String>, String[]> combinations = new LinkedHashMap<>();
    private long first = Long.MAX_VALUE;
    private long last = Long.MIN_VALUE;
    private long events;
    private long afterCutoff;
    private long quarantined;
    private final List<Break> breaks = new ArrayList<>();
    private final Map<String, Long> invalidUtf8 = new java.util.TreeMap<>();

    Tally(Instant cutoff) {
      this.cutoffMicros = cutoff == null ? null : Micros.of(cutoff);
    }

    void event(long tsMicros, String touchpoint, String channel, String owner) {
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

    void quarantined() {
      quarantined++;
    }

    /** The file could not be read to its end. */
    void broke(Break b) {
      breaks.add(b);
    }

    /** The file held {@code sequences} malformed UTF-8 sequences, read as U+FFFD. */
    void invalidUtf8(String file, long sequences) {
      invalidUtf8.merge(file, sequences, Long::sum);
    }

    /** The files that could not be read to their end, by path. */
    List<Break> breaks() {
      List<Break> sorted = new ArrayList<>(breaks);
      sorted.sort(java.util.Comparator.comparing(Break::file));
      return sorted;
    }

    /** Malformed UTF-8 sequences per file, by path. */
    Map<String, Long> invalidUtf8() {
      return java.util.Collections.unmodifiableMap(invalidUtf8);
    }

    void merge(Tally other) {
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
    EventProfile profile() {
      List<String[]> sorted = new ArrayList<>(combinations.values());
      java.util.Comparator<String> names = java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder());
      sorted.sort(java.util.Comparator.<String[], String>comparing(c -> c[0], names)
          .thenComparing(c -> c[1], names).thenComparing(c -> c[2], names));
      return events == 0 ? EventProfile.EMPTY : new EventProfile(sorted, Micros.toInstant(first),
          Micros.toInstant(last), events, afterCutoff);
    }

    long quarantinedRows() {
      return quarantined;
    }

    boolean isEmpty() {
      return events == 0 && quarantined == 0 && breaks.isEmpty() && invalidUtf8.isEmpty();
    }
  }

  @Override
  public boolean isZero() {
    return tally.isEmpty();
  }

  @Override
  public AccumulatorV2<Tally, Tally> copy() {
    ProfileAccumulator copy = new ProfileAccumulator();
    copy.tally.merge(tally);
    return copy;
  }

  @Override
  public void reset() {
    tally = new Tally(null);
  }

  @Override
  public void add(Tally v) {
    tally.merge(v);
  }

  @Override
  public void merge(AccumulatorV2<Tally, Tally> other) {
    tally.merge(other.value());
  }

  @Override
  public Tally value() {
    return tally;
  }
}
