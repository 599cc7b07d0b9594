package dev.journeys.jobs.config;

import dev.journeys.jobs.ingest.Identities;
import dev.journeys.jobs.ingest.Pseudonymiser;
import dev.journeys.jobs.ingest.ReadOptions;
import dev.journeys.jobs.ingest.Source;
import dev.journeys.jobs.ingest.raw.PhoneNumbers;
import dev.journeys.jobs.ingest.raw.Scrubber;
import dev.journeys.model.journey.JourneyRules;
import dev.journeys.model.transition.RankBy;
import java.time.Instant;
import java.util.List;

/**
 * Everything one run needs: the sources and how to read each, the output folder, the journey rules,
 * the cut-off (null: the latest event), the ranking, the bad-row threshold, how identities are handled,
 * the start of a nightly run's window (null: no start; events at or before it are left out), whether files
 * that end early or break off are analysed as far as they were read ({@code acceptTruncated}) rather than
 * failing the run, whether goals and start touchpoints that never occur are allowed ({@code allowAbsentGoals}),
 * the scrubber that keeps personal data out of the touchpoints of raw exports, how their phone numbers are read
 * ({@code identity.default-region}), and whether the legs of one contact chain count as one contact
 * ({@code journeys.contact-chains: one}), and the two segments (of {@code rules.segmentBy()}) compared, or none: the
 * two with the most customers; and the touchpoint whose paths {@code paths.csv} shows ({@code around}; null: the one
 * after the worst drop-off).
 */
public record RunConfig(
    List<Source> sources,
    String outDir,
    JourneyRules rules,
    Instant cutoff,
    RankBy rankBy,
    int minPassages,
    double maxBadRowsShare,
    int top,
    int maxIdentityKeys,
    boolean pseudonymise,
    String secret,
    Instant windowStart,
    boolean acceptTruncated,
    boolean allowAbsentGoals,
    Scrubber scrubber,
    PhoneNumbers phones,
    boolean contactChainsAsOne,
    List<String> compare,
    String around) {

  /** How identities are handled: raw exports carry personal keys, pseudonymised unless the run says not to on purpose. */
  public Identities identities() {
    if (!hasRawSources()) {
      return Identities.IN_CLEAR;
    }
    return new Identities(maxIdentityKeys(),
        !pseudonymise() ? null
            : secret() != null ? Pseudonymiser.of(secret()) : Pseudonymiser.fromEnvironment(System.getenv()),
        scrubber(), phones(), contactChainsAsOne());
  }

  /** Whether any source is a raw export whose identities are stitched. */
  public boolean hasRawSources() {
    return sources.stream().anyMatch(Source::isRaw);
  }

  public RunConfig(List<Source> sources, String outDir, JourneyRules rules, Instant cutoff, RankBy rankBy,
      int minPassages, double maxBadRowsShare, int top, int maxIdentityKeys, boolean pseudonymise, String secret,
      Instant windowStart) {
    this(sources, outDir, rules, cutoff, rankBy, minPassages, maxBadRowsShare, top, maxIdentityKeys, pseudonymise,
        secret, windowStart, false, false, Scrubber.DEFAULT, PhoneNumbers.INTERNATIONAL_ONLY, false, List.of(), null);
  }

  public RunConfig {
    sources = List.copyOf(sources);
    compare = compare == null ? List.of() : List.copyOf(compare);
    if (!compare.isEmpty() && (compare.size() != 2 || rules.segmentBy() == null)) {
      throw new IllegalArgumentException("Cannot run: compare takes two segments of --segment-by, got " + compare);
    }
    scrubber = scrubber == null ? Scrubber.DEFAULT : scrubber;
    phones = phones == null ? PhoneNumbers.INTERNATIONAL_ONLY : phones;
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("Cannot run: no input given");
    }
  }

  /** A run whose inputs are all event logs read the same way. */
  public RunConfig(List<String> inputs, String outDir, ReadOptions read, JourneyRules rules, Instant cutoff,
      RankBy rankBy, int minPassages, double maxBadRowsShare, int top) {
    this(inputs.stream().map(path -> new Source(path, read)).toList(), outDir, rules, cutoff, rankBy, minPassages,
        maxBadRowsShare, top, Defaults.MAX_IDENTITY_KEYS, true, null, null);
  }

  /** The same run with journeys judged by {@code stages} (or without stages: null), whose goals become the run's. */
  public RunConfig withStages(dev.journeys.model.journey.Stages stages) {
    return new RunConfig(sources, outDir, rules.withStages(stages), cutoff, rankBy, minPassages, maxBadRowsShare, top,
        maxIdentityKeys, pseudonymise, secret, windowStart, acceptTruncated, allowAbsentGoals, scrubber, phones,
        contactChainsAsOne, compare, around);
  }

  /** The same run, with or without pseudonymised customer keys. */
  public RunConfig withPseudonymise(boolean on) {
    return new RunConfig(sources, outDir, rules, cutoff, rankBy, minPassages, maxBadRowsShare, top, maxIdentityKeys, on,
        secret, windowStart, acceptTruncated, allowAbsentGoals, scrubber, phones,
        contactChainsAsOne, compare, around);
  }

  /** The same run, pseudonymising with {@code newSecret} rather than the one in the environment. */
  public RunConfig withSecret(String newSecret) {
    return new RunConfig(sources, outDir, rules, cutoff, rankBy, minPassages, maxBadRowsShare, top, maxIdentityKeys,
        pseudonymise, newSecret, windowStart, acceptTruncated, allowAbsentGoals, scrubber, phones,
        contactChainsAsOne, compare, around);
  }

  /** The same run over the events in (start, cut-off], written to {@code out}: a nightly run's trailing window. */
  public RunConfig withWindow(Instant start, Instant newCutoff, String out) {
    return new RunConfig(sources, out, rules, newCutoff, rankBy, minPassages, maxBadRowsShare, top, maxIdentityKeys,
        pseudonymise, secret, start, acceptTruncated, allowAbsentGoals, scrubber, phones,
        contactChainsAsOne, compare, around);
  }

  /** The same run, accepting files that end early, or goals and start touchpoints that never occur, or not. */
  public RunConfig withLeniency(boolean truncated, boolean absentGoals) {
    return new RunConfig(sources, outDir, rules, cutoff, rankBy, minPassages, maxBadRowsShare, top, maxIdentityKeys,
        pseudonymise, secret, windowStart, truncated, absentGoals, scrubber, phones,
        contactChainsAsOne, compare, around);
  }

  public List<String> inputs() {
    return sources.stream().map(Source::path).toList();
  }
}
