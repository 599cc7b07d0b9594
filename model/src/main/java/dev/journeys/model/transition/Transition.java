package dev.journeys.model.transition;

import dev.journeys.model.event.Touchpoint;
import dev.journeys.model.metric.RateCount;
import java.util.List;

/**
 * A transition is a directly-follows pair {@code from → to} with its counts, gaps and rates, as the
 * transitions table reports it. Rates are null where nothing could be judged.
 *
 * @param gapBuckets      the passages' gaps counted per {@link dev.journeys.model.metric.GapBuckets} bucket
 * @param dropOff         passages after which a decided journey ended dropped, of passages in decided journeys;
 *                        null when fates are not judged
 * @param eventualDropOff decided journeys passing the transition that ended dropped; null likewise
 * @param repeatContact   per repeat window, passages followed by a repeat contact within the window,
 *                        of passages whose window ends by the cut-off
 */
public record Transition(
    String from,
    String to,
    long passages,
    long journeys,
    long customers,
    Double meanGapSeconds,
    Double medianGapSeconds,
    Double p90GapSeconds,
    Double p99GapSeconds,
    List<Long> gapBuckets,
    Double handoffShare,
    Double channelSwitchShare,
    RateCount dropOff,
    RateCount eventualDropOff,
    List<RateCount> repeatContact) {

  public Transition {
    gapBuckets = List.copyOf(gapBuckets);
    repeatContact = List.copyOf(repeatContact);
  }

  /** Builds a transition from its counts; {@code judgesFates} is false when no goal is configured. */
  public static Transition of(TransitionKey key, TransitionStats stats, boolean judgesFates) {
    List<RateCount> repeat = new java.util.ArrayList<>();
    for (int w = 0; w < stats.repeatDecided.length; w++) {
      repeat.add(stats.repeatContact(w));
    }
    return new Transition(key.from(), key.to(), stats.passages(), stats.journeys(), stats.customers(),
        stats.gaps().meanSeconds(), stats.gaps().quantileSeconds(0.5), stats.gaps().quantileSeconds(0.9),
        stats.gaps().quantileSeconds(0.99), java.util.Arrays.stream(stats.gapBuckets()).boxed().toList(),
        stats.handoffShare(), stats.channelSwitchShare(),
        judgesFates ? stats.dropOff() : null, judgesFates ? stats.eventualDropOff() : null, repeat);
  }

  public TransitionKey key() {
    return new TransitionKey(from, to);
  }

  /** Whether this is a passage into {@code END}, whose rates restate the journey's last passage. */
  public boolean isIntoEnd() {
    return Touchpoint.END_NAME.equals(to);
  }
}
