package dev.journeys.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeys.jobs.io.Rate;
import dev.journeys.jobs.io.RunManifest;
import dev.journeys.jobs.io.TransitionRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What {@code report.mustache} shows, every value already in words: the template only places it (and escapes it).
 * Built from the run's manifest, its comparison with the previous run ({@code summary}, null when there is none)
 * and its tables.
 */
record ReportView(String cutOff, String date, List<Card> cards, Changes changes, List<Ranking> rankings,
    Handoffs handoffs, StageSection stages, ContactSection contacts, SegmentSection segments, PathSection paths,
    TimeSection times, List<String> quality, String chartData) {

  /** The paths around one touchpoint (null when the run has none): the most common before and after, and where the
   * journeys that dropped stopped. */
  record PathSection(String around, List<PathLine> before, List<PathLine> after, List<PathLine> droppedLast) {}

  record PathLine(String path, long journeys, String share, String converted, String dropped) {}

  /**
   * The segments of a run with {@code --segment-by} (null without): their sizes, the two compared, and the rates that
   * differ beyond noise first.
   */
  record SegmentSection(String attribute, String sizes, String a, String b, int tested, int significantCount,
      List<SegmentRow> rows) {
    public boolean compared() {
      return a != null;
    }

    public boolean hasSignificant() {
      return significantCount > 0;
    }
  }

  record SegmentRow(String transition, String rate, String rateA, String rateB, String counted, String difference,
      String interval, String q) {}

  /**
   * The time between steps of the top-ranked transitions and the time to convert to each goal: the rows beside the
   * two charts.
   */
  record TimeSection(List<TimedRow> transitions, List<ConversionRow> goals) {
    public boolean hasTransitions() {
      return !transitions.isEmpty();
    }

    public boolean hasGoals() {
      return !goals.isEmpty();
    }
  }

  record TimedRow(String transition, String why, long gaps, String median) {}

  record ConversionRow(String goal, long journeys, String median, String p90, String p99) {}

  /** The stage passages (null without stages), ranked hand-offs first. */
  record StageSection(String window, List<StageRow> rows) {}

  record StageRow(String rank, String from, String to, long passages, long customers, RateCells stall,
      RateCells repeat, String medianGap) {}

  /** The contacts of the ranked window that bring customers back, each with its most frequent repeat. */
  record ContactSection(String window, List<ContactLine> rows) {
    public boolean hasRows() {
      return !rows.isEmpty();
    }
  }

  record ContactLine(int rank, String trigger, String owner, String rate, String interval, long contacts,
      long repeats, String repeat, String repeatShare, String medianTime, String between) {}

  record Card(String value, String label) {}

  record Ranking(String title, List<RankedRow> rows) {
    public boolean hasRows() {
      return !rows.isEmpty();
    }
  }

  record RankedRow(Integer rank, String from, String to, String rate, String lower, String upper, Long counted,
      long passages) {}

  record Changes(String previousDate, int changedCount, int ratesTested, int newCount, int vanishedCount,
      List<ChangedRate> changedRates, List<FateChange> fates, List<Listing> lists, int gapsTested,
      List<ChangedGap> changedGaps) {
    public boolean hasChangedRates() {
      return !changedRates.isEmpty();
    }

    public boolean hasChangedGaps() {
      return !changedGaps.isEmpty();
    }

    public int changedGapCount() {
      return changedGaps.size();
    }
  }

  record ChangedGap(String transition, String before, String now, String gapsBefore, String gapsNow, String q) {}

  record ChangedRate(String transition, String rate, String before, String now, String countedBefore,
      String countedNow, String q) {}

  record FateChange(String fate, String before, String now, String change) {}

  record Listing(String title, long total, Integer shown, List<Item> items) {}

  record Item(String text, String journeys) {}

  record Handoffs(String window, String withinDropOff, String withinRepeat, List<OwnerPair> between,
      List<HandoffRow> transitions) {
    public boolean any() {
      return !between.isEmpty() || !transitions.isEmpty();
    }

    public boolean hasBetween() {
      return !between.isEmpty();
    }

    public boolean hasTransitions() {
      return !transitions.isEmpty();
    }
  }

  record OwnerPair(String fromOwner, String toOwner, long passages, long customers, RateCells dropOff,
      RateCells repeat, String medianGap) {}

  record RateCells(String rate, String interval) {}

  record HandoffRow(String from, String to, String handoffShare, String dropOff, long passages) {}

  static ReportView of(RunManifest manifest, JsonNode summary, ReportTables tables) {
    RunManifest.Counts counts = manifest.counts();
    String window = manifest.rankedWindow();
    List<Card> cards = new ArrayList<>();
    cards.add(new Card(count(counts.eventsAnalysed()), "events"));
    cards.add(new Card(count(counts.customers()), "customers"));
    cards.add(new Card(count(counts.journeys()), "journeys"));
    for (String fate : List.of("converted", "dropped", "pending")) {
      cards.add(new Card(count(counts.journeys(fate)), fate));
    }
    List<Ranking> rankings = List.of(
        ranking("Drop-off: transitions after which journeys ended dropped", tables.transitions(),
            TransitionRecord::dropOffRank, Rate.DROP_OFF),
        ranking("Repeat contact within " + window + ": transitions followed by a repeat contact", tables.transitions(),
            TransitionRecord::repeatContactRank, Rate.repeatContact(window)));
    if (!tables.stages().isEmpty()) {
      cards.add(new Card(count(counts.journeys("unjudged")), "unjudged"));
    }
    List<TransitionRecord> timed = timed(tables.transitions());
    TimeSection times = new TimeSection(timed.stream().map(r -> new TimedRow(r.from() + " → " + r.to(),
            why(r), java.util.Arrays.stream(r.gapBuckets()).sum(), duration(r.medianGapSeconds()))).toList(),
        tables.conversions().stream().map(c -> new ConversionRow(c.goal(), c.journeys(), duration(c.medianSeconds()),
            duration(c.p90Seconds()), duration(c.p99Seconds()))).toList());
    return new ReportView(manifest.cutOff(), summary == null ? null : summary.path("date").asText(),
        cards, changes(summary), rankings, handoffs(tables, window), stages(tables, window),
        contacts(tables, window), segments(manifest, tables), paths(tables), times, quality(manifest),
        ChartData.json(tables.transitions(), tables.coverage(), tables.stages(), window, timed, tables.conversions(),
            significant(tables.segmentChanges()), tables.paths(),
            manifest.options() == null || manifest.options().minPassages() == null ? 1
                : manifest.options().minPassages()));
  }

  /** The report lists this many paths per side; paths.csv has them all. */
  static final int PATHS_SHOWN = 10;

  private static PathSection paths(ReportTables tables) {
    if (tables.paths().isEmpty()) {
      return null;
    }
    Function<String, List<PathLine>> side = name -> tables.paths().stream().filter(p -> p.side().equals(name))
        .limit(PATHS_SHOWN).map(p -> new PathLine(p.path(), p.journeys(), percent(p.share()),
            percent(p.convertedShare()), percent(p.droppedShare()))).toList();
    return new PathSection(tables.paths().get(0).around(), side.apply("before"), side.apply("after"),
        side.apply("dropped_last"));
  }

  /** The comparison's rows below the false discovery rate, most significant first. */
  static List<ReportTables.SegmentChange> significant(List<ReportTables.SegmentChange> rows) {
    return rows.stream().filter(r -> r.q() < RunComparison.FALSE_DISCOVERY_RATE).toList();
  }

  private static SegmentSection segments(RunManifest manifest, ReportTables tables) {
    RunManifest.Segments s = manifest.segments();
    if (s == null) {
      return null;
    }
    String sizes = String.join(", ", s.values().stream().map(v -> String.format(Locale.ROOT, "%s (%s customers)",
        v.value(), count(v.customers()))).toList());
    boolean compared = s.compared() != null && s.compared().size() == 2;
    List<SegmentRow> rows = significant(tables.segmentChanges()).stream().map(c -> new SegmentRow(
        c.from() + " → " + c.to(), c.rate(), percent(c.rateA()), percent(c.rateB()),
        count(c.denominatorA()) + " / " + count(c.denominatorB()),
        String.format(Locale.ROOT, "%+.1f pts", 100 * c.difference()),
        String.format(Locale.ROOT, "%+.1f to %+.1f", 100 * c.lower(), 100 * c.upper()),
        String.format(Locale.ROOT, "%.1e", c.q()))).toList();
    return new SegmentSection(s.by(), sizes, compared ? s.compared().get(0) : null,
        compared ? s.compared().get(1) : null, s.comparisons() == null ? 0 : s.comparisons(),
        s.significant() == null ? 0 : s.significant(), rows);
  }

  /**
   * The transitions whose time between steps the report draws: those ranked in the top five by drop-off, then by
   * repeat contact (passages from START, without a gap, are left out).
   */
  static List<TransitionRecord> timed(List<TransitionRecord> transitions) {
    List<TransitionRecord> timed = new ArrayList<>();
    for (Function<TransitionRecord, Integer> rank : List.<Function<TransitionRecord, Integer>>of(
        TransitionRecord::dropOffRank, TransitionRecord::repeatContactRank)) {
      transitions.stream().filter(r -> rank.apply(r) != null && rank.apply(r) <= 5 && r.gapBuckets() != null
              && java.util.Arrays.stream(r.gapBuckets()).sum() > 0)
          .sorted(Comparator.comparingInt(rank::apply))
          .filter(r -> !timed.contains(r)).forEach(timed::add);
    }
    return timed;
  }

  private static String why(TransitionRecord r) {
    List<String> why = new ArrayList<>();
    if (r.dropOffRank() != null && r.dropOffRank() <= 5) {
      why.add("drop-off #" + r.dropOffRank());
    }
    if (r.repeatContactRank() != null && r.repeatContactRank() <= 5) {
      why.add("repeat contact #" + r.repeatContactRank());
    }
    return String.join(", ", why);
  }

  private static StageSection stages(ReportTables tables, String window) {
    if (tables.stages().isEmpty()) {
      return null;
    }
    List<StageRow> rows = tables.stages().stream()
        .sorted(Comparator.comparing((ReportTables.StageLink s) -> s.stallRank() == null ? Integer.MAX_VALUE
            : s.stallRank()).thenComparing(Comparator.comparingLong(ReportTables.StageLink::passages).reversed()))
        .map(s -> new StageRow(s.stallRank() == null ? "" : s.stallRank().toString(), s.from(), s.to(), s.passages(),
            s.customers(), cells(s.stall(), s.stallLower(), s.stallUpper()),
            cells(s.repeat(), s.repeatLower(), s.repeatUpper()), duration(s.medianGapSeconds())))
        .toList();
    return new StageSection(window, rows);
  }

  private static ContactSection contacts(ReportTables tables, String window) {
    List<ContactLine> lines = new ArrayList<>();
    for (ReportTables.RankedContact ranked : tables.contacts()) {
      ReportTables.ContactRow total = ranked.total();
      ReportTables.ContactRow next = ranked.next();
      lines.add(new ContactLine(total.rank(), total.trigger(), total.triggerOwner() == null ? "" : total.triggerOwner(),
          percent(total.rate()), percent(total.lower()) + " – " + percent(total.upper()), total.contacts(),
          total.repeats(), next == null ? "" : next.repeat(),
          next == null ? "" : percent((double) next.repeats() / Math.max(1, total.repeats())),
          next == null ? "" : duration(next.medianSeconds()),
          next == null ? "" : next.stepsBetween().isEmpty() ? "nothing" : next.stepsBetween()));
    }
    return new ContactSection(window, lines);
  }

  private static RateCells cells(Double rate, Double lower, Double upper) {
    return new RateCells(percent(rate), lower == null ? "" : percent(lower) + " – " + percent(upper));
  }

  private static Ranking ranking(String title, List<TransitionRecord> rows, Function<TransitionRecord, Integer> rank,
      Rate rate) {
    List<RankedRow> ranked = rows.stream().filter(r -> rank.apply(r) != null)
        .sorted(Comparator.comparingInt(rank::apply)).limit(ReportTables.ROWS)
        .map(r -> {
          TransitionRecord.RateValue v = r.rate(rate);
          return new RankedRow(rank.apply(r), r.from(), r.to(), percent(v.rate()), percent(v.lower()),
              percent(v.upper()), v.decided(), r.passages());
        }).toList();
    return new Ranking(title, ranked);
  }

  private static Handoffs handoffs(ReportTables tables, String window) {
    List<HandoffRow> transitions = tables.transitions().stream()
        .filter(r -> r.handoffShare() != null && r.handoffShare() > 0)
        .sorted(Comparator.comparingLong(TransitionRecord::passages).reversed()).limit(ReportTables.ROWS)
        .map(r -> new HandoffRow(r.from(), r.to(), percent(r.handoffShare()), percent(r.rate(Rate.DROP_OFF).rate()),
            r.passages()))
        .toList();
    Rate repeat = Rate.repeatContact(window);
    List<TransitionRecord> within = tables.ownerPairs().stream().filter(r -> r.from().equals(r.to())).toList();
    List<OwnerPair> between = tables.ownerPairs().stream().filter(r -> !r.from().equals(r.to()))
        .limit(ReportTables.ROWS)
        .map(r -> new OwnerPair(r.from(), r.to(), r.passages(), r.customers(), cells(r.rate(Rate.DROP_OFF)),
            cells(r.rate(repeat)), duration(r.medianGapSeconds())))
        .toList();
    return new Handoffs(window, pooled(within, Rate.DROP_OFF), pooled(within, repeat), between, transitions);
  }

  private static RateCells cells(TransitionRecord.RateValue v) {
    return new RateCells(percent(v.rate()), v.lower() == null ? "" : percent(v.lower()) + " – " + percent(v.upper()));
  }

  /** Hits over counted passages across rows, as a percentage with its count, or "not judged". */
  private static String pooled(List<TransitionRecord> rows, Rate rate) {
    long hits = 0;
    long counted = 0;
    for (TransitionRecord r : rows) {
      TransitionRecord.RateValue v = r.rate(rate);
      if (v.decided() != null) {
        counted += v.decided();
        hits += v.hits();
      }
    }
    return counted == 0 ? "not judged"
        : String.format(Locale.ROOT, "%.1f%% (of %,d)", 100.0 * hits / counted, counted);
  }

  private static Changes changes(JsonNode summary) {
    if (summary == null || summary.path("previous_date").isNull() || summary.path("previous_date").isMissingNode()) {
      return null;
    }
    List<ChangedRate> changed = new ArrayList<>();
    for (JsonNode c : summary.path("changed_rates")) {
      changed.add(new ChangedRate(c.path("transition").asText(), c.path("rate").asText(),
          percent(c.path("previous").asDouble()), percent(c.path("current").asDouble()),
          c.path("previous_decided").asText(), c.path("current_decided").asText(),
          String.format(Locale.ROOT, "%.2g", c.path("q_value").asDouble())));
    }
    JsonNode before = summary.path("previous_fate_shares");
    JsonNode now = summary.path("fate_shares");
    List<FateChange> fates = new ArrayList<>();
    for (String fate : List.of("converted", "dropped", "pending")) {
      double a = before.path(fate).asDouble();
      double b = now.path(fate).asDouble();
      // Nightly windows overlap by most of their days: fate shares move by hundredths of a point, so show them.
      double points = Math.round(100 * (b - a) * 100) / 100.0;
      fates.add(new FateChange(fate, String.format(Locale.ROOT, "%.2f%%", 100 * a),
          String.format(Locale.ROOT, "%.2f%%", 100 * b), String.format(Locale.ROOT, "%+.2f pt", points == 0 ? 0.0 : points)));
    }
    List<Listing> lists = new ArrayList<>();
    listing(lists, "New transitions", summary.path("new_transitions"), summary.path("new_transitions").size(), false);
    listing(lists, "Vanished transitions", summary.path("vanished_transitions"),
        summary.path("vanished_transitions").size(), false);
    listing(lists, "New variants", summary.path("new_variants"), summary.path("new_variants_count").asLong(), true);
    listing(lists, "Vanished variants", summary.path("vanished_variants"),
        summary.path("vanished_variants_count").asLong(), true);
    List<ChangedGap> gaps = new ArrayList<>();
    for (JsonNode c : summary.path("changed_gaps")) {
      gaps.add(new ChangedGap(c.path("transition").asText(), duration(c.path("previous_median_seconds").asDouble()),
          duration(c.path("current_median_seconds").asDouble()), c.path("previous_gaps").asText(),
          c.path("current_gaps").asText(), String.format(Locale.ROOT, "%.2g", c.path("q_value").asDouble())));
    }
    return new Changes(summary.path("previous_date").asText(), summary.path("changed_rates").size(),
        summary.path("rates_tested").asInt(), summary.path("new_transitions").size(),
        summary.path("vanished_transitions").size(), changed, fates, lists, summary.path("gaps_tested").asInt(),
        gaps);
  }

  /** A titled list of transitions, or of variants with their journeys; none when the list is empty. */
  private static void listing(List<Listing> lists, String title, JsonNode items, long total, boolean variants) {
    if (items.size() == 0) {
      return;
    }
    List<Item> shown = new ArrayList<>();
    for (JsonNode item : items) {
      long journeys = item.path("journeys").asLong();
      shown.add(variants ? new Item(item.path("touchpoints").asText(),
          String.format(Locale.ROOT, "%,d", journeys) + (journeys == 1 ? " journey" : " journeys"))
          : new Item(item.asText(), null));
    }
    lists.add(new Listing(title, total, total > items.size() ? items.size() : null, shown));
  }

  private static List<String> quality(RunManifest manifest) {
    RunManifest.Counts counts = manifest.counts();
    List<String> lines = new ArrayList<>();
    lines.add(count(counts.rowsRead()) + " rows read, " + count(counts.quarantinedRows())
        + " quarantined (see quarantine.csv)");
    lines.add(count(counts.eventsAfterCutOff()) + " events after the cut-off left out");
    if (counts.eventsBeforeWindow() != null) {
      lines.add(count(counts.eventsBeforeWindow()) + " events before the window (from "
          + manifest.options().windowStart() + ") left out");
    }
    if (manifest.notes() != null) {
      lines.addAll(manifest.notes());
    }
    Map<String, Object> stitching = manifest.stitching();
    if (stitching != null) {
      lines.add("Stitching: " + count(number(stitching.get("customers"))) + " customers from "
          + count(number(stitching.get("identity_keys"))) + " identity keys; "
          + (stitching.get("shared_keys") instanceof List<?> shared ? shared.size() : 0) + " shared keys not used; "
          + count(number(stitching.get("records_without_a_customer"))) + " records without a customer (unattributed.csv)");
      if (stitching.get("sources") instanceof List<?> sources) {
        for (Object source : sources) {
          Map<?, ?> s = (Map<?, ?>) source;
          lines.add(s.get("source") + ": " + percent(s.get("known_share") instanceof Number n ? n.doubleValue() : null)
              + " of events reached a known customer");
        }
      }
    }
    return lines;
  }

  private static Long number(Object value) {
    return value instanceof Number n ? n.longValue() : null;
  }

  static String count(Long n) {
    return String.format(Locale.ROOT, "%,d", n == null ? 0 : n);
  }

  static String percent(Double value) {
    return value == null ? "" : String.format(Locale.ROOT, "%.1f%%", 100 * value);
  }

  /** Seconds in the unit that reads best. */
  static String duration(Double seconds) {
    if (seconds == null) {
      return "";
    }
    double s = seconds;
    if (s >= 2 * 86_400) {
      return String.format(Locale.ROOT, "%.1f d", s / 86_400);
    } else if (s >= 2 * 3_600) {
      return String.format(Locale.ROOT, "%.1f h", s / 3_600);
    } else if (s >= 120) {
      return String.format(Locale.ROOT, "%.0f min", s / 60);
    }
    return String.format(Locale.ROOT, "%.0f s", s);
  }
}
