package dev.journeys.model.transition;

import dev.journeys.model.metric.RateCount;
import java.util.List;

/**
 * A repeat contact row: for one repeat window, a trigger touchpoint's contacts and the repeats they brought, in
 * total ({@code repeat} null) or of one repeat touchpoint.
 *
 * @param contacts                the trigger's contacts whose window ended by the cut-off (the same on every row of
 *                                the trigger and window)
 * @param rate                    repeats out of contacts, with its Wilson interval
 * @param medianSecondsToRepeat   null without repeats
 * @param stepsBetween            the most common sequence of touchpoints strictly between the contact and its repeat
 *                                (empty: nothing between); null without repeats
 * @param rank                    among the rows of the same kind (totals or pairs) and window; null when unranked
 */
public record RepeatContact(
    String trigger,
    String repeat,
    int window,
    long contacts,
    RateCount rate,
    Double medianSecondsToRepeat,
    String triggerOwner,
    String repeatOwner,
    List<String> stepsBetween,
    Integer rank) {

  /** Whether this row is the trigger's total (no repeat touchpoint). */
  public boolean isTotal() {
    return repeat == null;
  }

  public long repeats() {
    return rate.hits();
  }
}
