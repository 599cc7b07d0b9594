package dev.journeys.model.transition;

import dev.journeys.model.metric.FrequentItems;
import dev.journeys.model.metric.RateCount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The contact table turns {@link ContactCounts} into ranked rows: per window (in the rules' order), the triggers
 * worst first, each trigger's total row followed by its repeat touchpoints (most repeats first). Totals are ranked
 * among totals and pairs among pairs of the same window, by {@code rankBy} on the repeat rate, with at least
 * {@code minContacts} contacts; the rest are unranked and follow by contacts.
 */
public final class ContactTable {

  private static final Comparator<List<String>> SEQUENCE_ORDER =
      Comparator.<List<String>>comparingInt(List::size).thenComparing(s -> String.join("\u0000", s));

  private ContactTable() {}

  public static List<RepeatContact> rows(ContactCounts counts, int windows, RankBy rankBy, int minContacts) {
    List<RepeatContact> rows = new ArrayList<>();
    for (int w = 0; w < windows; w++) {
      List<RepeatContact> totals = new ArrayList<>();
      List<RepeatContact> pairs = new ArrayList<>();
      for (Map.Entry<String, ContactCounts.Trigger> e : counts.triggers().entrySet()) {
        ContactCounts.Trigger t = e.getValue();
        if (t.contacts(w) > 0) {
          totals.add(row(e.getKey(), null, w, t.contacts(w), t, t.owner(), null));
        }
      }
      for (Map.Entry<TransitionKey, ContactCounts.Repeats> e : counts.pairs().entrySet()) {
        ContactCounts.Trigger t = counts.triggers().get(e.getKey().from());
        ContactCounts.Trigger r = counts.triggers().get(e.getKey().to());
        if (e.getValue().repeats(w) > 0 && t.contacts(w) > 0) {
          pairs.add(row(e.getKey().from(), e.getKey().to(), w, t.contacts(w), e.getValue(), t.owner(),
              r == null ? null : r.owner()));
        }
      }
      List<RepeatContact> rankedTotals = rank(totals, rankBy, minContacts);
      Map<String, List<RepeatContact>> pairsOf = new HashMap<>();
      for (RepeatContact p : rank(pairs, rankBy, minContacts)) {
        pairsOf.computeIfAbsent(p.trigger(), k -> new ArrayList<>()).add(p);
      }
      for (RepeatContact total : rankedTotals) {
        rows.add(total);
        List<RepeatContact> mine = pairsOf.getOrDefault(total.trigger(), new ArrayList<>());
        mine.sort(Comparator.comparingLong(RepeatContact::repeats).reversed().thenComparing(RepeatContact::repeat));
        rows.addAll(mine);
      }
    }
    return rows;
  }

  private static RepeatContact row(String trigger, String repeat, int w, long contacts, ContactCounts.Repeats r,
      String triggerOwner, String repeatOwner) {
    long repeats = r.repeats(w);
    FrequentItems<List<String>> between = r.between(w);
    return new RepeatContact(trigger, repeat, w, contacts, new RateCount(repeats, contacts),
        repeats == 0 ? null : r.times(w).quantileSeconds(0.5), triggerOwner, repeatOwner,
        repeats == 0 ? null : between.mostCommon(SEQUENCE_ORDER), null);
  }

  /**
   * The rows ranked (rank set) worst first, then the unranked ones by contacts, then names. Ties break by contacts,
   * then trigger and repeat names.
   */
  private static List<RepeatContact> rank(List<RepeatContact> rows, RankBy rankBy, int minContacts) {
    RateCount baseline = RateCount.ZERO;
    for (RepeatContact r : rows) {
      baseline = baseline.plus(r.rate());
    }
    double baselineRate = baseline.rate() == null ? 0 : baseline.rate();
    Map<RepeatContact, Double> score = new HashMap<>();
    for (RepeatContact r : rows) {
      if (r.contacts() >= minContacts) {
        score.put(r, rankBy.score(r.rate(), baselineRate));
      }
    }
    Comparator<RepeatContact> byNames = Comparator.comparing(RepeatContact::trigger)
        .thenComparing(r -> r.repeat() == null ? "" : r.repeat());
    List<RepeatContact> ranked = new ArrayList<>(score.keySet());
    ranked.sort(Comparator.comparingDouble((RepeatContact r) -> score.get(r)).reversed()
        .thenComparing(Comparator.comparingLong(RepeatContact::contacts).reversed())
        .thenComparing(Comparator.comparingLong(RepeatContact::repeats).reversed())
        .thenComparing(byNames));
    List<RepeatContact> out = new ArrayList<>(rows.size());
    for (RepeatContact r : ranked) {
      out.add(new RepeatContact(r.trigger(), r.repeat(), r.window(), r.contacts(), r.rate(),
          r.medianSecondsToRepeat(), r.triggerOwner(), r.repeatOwner(), r.stepsBetween(), out.size() + 1));
    }
    List<RepeatContact> rest = new ArrayList<>();
    for (RepeatContact r : rows) {
      if (!score.containsKey(r)) {
        rest.add(r);
      }
    }
    rest.sort(Comparator.comparingLong(RepeatContact::contacts).reversed().thenComparing(byNames));
    out.addAll(rest);
    return out;
  }
}
