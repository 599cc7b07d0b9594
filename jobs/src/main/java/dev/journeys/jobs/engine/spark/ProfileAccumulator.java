package dev.journeys.jobs.engine.spark;

import dev.journeys.jobs.ingest.ProfileTally;
import org.apache.spark.util.AccumulatorV2;

/**
 * Profiles events while they are parsed, so that ingest needs no second pass over what it wrote: each
 * task profiles its file in a {@link ProfileTally} and adds it once, at the file's end; the driver gets the
 * events' {@link EventProfile} and the number of quarantined rows.
 */
final class ProfileAccumulator extends AccumulatorV2<ProfileTally, ProfileTally> {

  private ProfileTally tally = new ProfileTally(null);

  @Override
  public boolean isZero() {
    return tally.isEmpty();
  }

  @Override
  public AccumulatorV2<ProfileTally, ProfileTally> copy() {
    ProfileAccumulator copy = new ProfileAccumulator();
    copy.tally.merge(tally);
    return copy;
  }

  @Override
  public void reset() {
    tally = new ProfileTally(null);
  }

  @Override
  public void add(ProfileTally v) {
    tally.merge(v);
  }

  @Override
  public void merge(AccumulatorV2<ProfileTally, ProfileTally> other) {
    tally.merge(other.value());
  }

  @Override
  public ProfileTally value() {
    return tally;
  }
}
