package dev.journeys.jobs.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.journeys.jobs.io.OutputSchema;
import dev.journeys.jobs.io.Rate;
import dev.journeys.jobs.io.RunManifest;
import dev.journeys.jobs.io.TableReader;
import dev.journeys.jobs.io.TransitionRecord;
import dev.journeys.model.metric.BenjaminiHochberg;
import dev.journeys.model.metric.MannWhitneyTest;
import dev.journeys.model.metric.RateCount;
import dev.journeys.model.metric.RateDifference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Run over run: compares a finished run with the previous finished one. Rates that changed by more than
 * noise ({@link RateDifference}: two-proportion z-test, Benjamini–Hochberg across every transition and rate tested,
 * as segments are compared), times between steps
 * that moved beyond noise (Mann–Whitney U on the gaps per bucket, Benjamini–Hochberg across transitions),
 * transitions and variants that appeared or vanished, and the journeys' fate shares; written as
 * {@code summary.json}.
 */
public final class RunComparison {

  /** Changes with a q-value below this are reported. */
  public static final double FALSE_DISCOVERY_RATE = 0.05;

  private RunComparison() {}

  /** The latest {@code dt=...} folder before {@code date} in {@code root} that holds a manifest, or null. */
  public static Path previousFinished(Path root, String date) {
    if (!Files.isDirectory(root)) {
      return null;
    }
    try (Stream<Path> folders = Files.list(root)) {
      return folders.filter(p -> p.getFileName().toString().startsWith("dt="))
          .filter(p -> p.getFileName().toString().substring(3).compareTo(date) < 0)
          .filter(p -> Files.exists(p.resolve(RunManifest.FILE)))
          .max(Path::compareTo).orElse(null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code summary.json} into the finished run {@code current}, compared with {@code previous} (may be null). */
  public static Map<String, Object> write(Path current, Path previous, String date) {
    return write(current, RunManifest.read(current), previous, date);
  }

  /**
   * Writes {@code summary.json} and {@code summary.md} into {@code current}, the run whose manifest is {@code now}
   * (its tables written), compared with the finished run {@code previous} (may be null).
   */
  public static Map<String, Object> write(Path current, RunManifest now, Path previous, String date) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("date", date);
    summary.put("previous_date", previous == null ? null : previous.getFileName().toString().substring(3));
    summary.put("events", orZero(now.counts().eventsAnalysed()));
    summary.put("customers", orZero(now.counts().customers()));
    summary.put("journeys", orZero(now.counts().journeys()));
    summary.put("fate_shares", fateShares(now));
    summary.put("ranked_window", now.rankedWindow());
    if (previous != null) {
      RunManifest before = RunManifest.read(previous);
      summary.put("previous_fate_shares", fateShares(before));
      compareTransitions(TransitionRecord.read(current.resolve("transitions")),
          TransitionRecord.read(previous.resolve("transitions")), summary);
      compareVariants(variants(current.resolve("variants")), variants(previous.resolve("variants")), summary);
    }
    try {
      Files.writeString(current.resolve("summary.json"),
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary));
      Files.writeString(current.resolve("summary.md"),
          markdown(summary, TransitionRecord.read(current.resolve("transitions"))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return summary;
  }

  /** A few lines for a chat message or an e-mail: headline, the worst transitions, what changed. */
  static String markdown(Map<String, Object> summary, List<TransitionRecord> transitions) {
    StringBuilder md = new StringBuilder();
    @SuppressWarnings("unchecked")
    Map<String, Object> fates = (Map<String, Object>) summary.get("fate_shares");
    md.append("**journeys — ").append(summary.get("date")).append("**\n\n");
    double unjudged = fates.get("unjudged") instanceof Double u ? u : 0.0;
    md.append(String.format(Locale.ROOT, "%,d events · %,d customers · %,d journeys: %.0f%% converted, "
        + "%.0f%% dropped, %.0f%% pending%s%n%n", summary.get("events"), summary.get("customers"),
        summary.get("journeys"), 100 * (double) fates.get("converted"), 100 * (double) fates.get("dropped"),
        100 * (double) fates.get("pending"),
        unjudged > 0 ? String.format(Locale.ROOT, ", %.0f%% unjudged (stages without goals)", 100 * unjudged) : ""));
    top(md, "Top drop-off", transitions, TransitionRecord::dropOffRank, Rate.DROP_OFF);
    String window = String.valueOf(summary.get("ranked_window"));
    top(md, "Top repeat contact within " + window, transitions, TransitionRecord::repeatContactRank,
        Rate.repeatContact(window));
    if (summary.get("previous_date") == null) {
      md.append("No earlier run to compare with.\n");
      return md.toString();
    }
    List<?> changes = (List<?>) summary.get("changed_rates");
    md.append("Since ").append(summary.get("previous_date")).append(": ").append(changes.size())
        .append(changes.size() == 1 ? " rate" : " rates").append(" changed beyond noise (q < 0.05)")
        .append(changes.isEmpty() ? ".\n" : ":\n");
    for (Object c : changes.stream().limit(5).toList()) {
      Map<?, ?> change = (Map<?, ?>) c;
      md.append(String.format(Locale.ROOT, "- %s, %s: %.1f%% → %.1f%%%n", change.get("transition"), change.get("rate"),
          100 * (double) change.get("previous"), 100 * (double) change.get("current")));
    }
    List<?> gaps = summary.get("changed_gaps") instanceof List<?> g ? g : List.of();
    if (!gaps.isEmpty()) {
      md.append(gaps.size()).append(gaps.size() == 1 ? " transition's" : " transitions'")
          .append(" time between steps moved beyond noise (Mann–Whitney, q < 0.05):\n");
      for (Object c : gaps.stream().limit(5).toList()) {
        Map<?, ?> change = (Map<?, ?>) c;
        md.append(String.format(Locale.ROOT, "- %s: median %s → %s%n", change.get("transition"),
            ReportView.duration((Double) change.get("previous_median_seconds")),
            ReportView.duration((Double) change.get("current_median_seconds"))));
      }
    }
    md.append(String.format(Locale.ROOT, "New transitions: %d · vanished: %d%n",
        ((List<?>) summary.get("new_transitions")).size(), ((List<?>) summary.get("vanished_transitions")).size()));
    return md.toString();
  }

  private static void top(StringBuilder md, String title, List<TransitionRecord> transitions,
      java.util.function.Function<TransitionRecord, Integer> rank, Rate rate) {
    List<TransitionRecord> ranked = transitions.stream().filter(r -> rank.apply(r) != null)
        .sorted(java.util.Comparator.comparingInt(rank::apply)).limit(3).toList();
    if (ranked.isEmpty()) {
      return;
    }
    md.append(title).append(":\n");
    for (TransitionRecord r : ranked) {
      Double value = r.rate(rate).rate();
      md.append(String.format(Locale.ROOT, "%s. %s → %s%s (%s passages)%n", rank.apply(r), r.from(), r.to(),
          value == null ? "" : String.format(Locale.ROOT, ": %.1f%%", 100 * value), r.passages()));
    }
    md.append("\n");
  }

  private static void compareTransitions(List<TransitionRecord> now, List<TransitionRecord> before,
      Map<String, Object> summary) {
    Map<String, TransitionRecord> previous = new TreeMap<>();
    before.forEach(r -> previous.put(r.from() + " → " + r.to(), r));
    Map<String, TransitionRecord> current = new TreeMap<>();
    now.forEach(r -> current.put(r.from() + " → " + r.to(), r));
    // Every rate with a denominator: drop-off and each repeat-contact window (not the eventual drop-off).
    List<String> rates = now.isEmpty() ? List.of() : now.get(0).rates().keySet().stream()
        .filter(label -> !label.equals(Rate.EVENTUAL_DROP_OFF.label())).toList();
    List<Map<String, Object>> tests = new ArrayList<>();
    List<Double> pValues = new ArrayList<>();
    for (Map.Entry<String, TransitionRecord> e : current.entrySet()) {
      TransitionRecord old = previous.get(e.getKey());
      if (old == null) {
        continue;
      }
      for (String rate : rates) {
        RateCount a = count(old.rates().get(rate));
        RateCount b = count(e.getValue().rates().get(rate));
        if (a == null || b == null || a.total() == 0 || b.total() == 0) {
          continue;
        }
        // The same comparison as two segments' (segment_changes.csv): the change is now minus then.
        RateDifference change = RateDifference.of(b, a);
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("transition", e.getKey());
        test.put("rate", rate);
        test.put("previous", a.rate());
        test.put("current", b.rate());
        test.put("previous_decided", a.total());
        test.put("current_decided", b.total());
        test.put("difference", change.difference());
        test.put("difference_lower", change.lower());
        test.put("difference_upper", change.upper());
        test.put("p_value", change.p());
        tests.add(test);
        pValues.add(change.p());
      }
    }
    List<Map<String, Object>> changes = significant(tests, pValues);
    summary.put("rates_tested", tests.size());
    summary.put("changed_rates", changes);
    compareGaps(current, previous, summary);
    summary.put("new_transitions", current.keySet().stream().filter(k -> !previous.containsKey(k)).toList());
    summary.put("vanished_transitions", previous.keySet().stream().filter(k -> !current.containsKey(k)).toList());
  }

  /**
   * The transitions whose gaps moved beyond noise: the Mann–Whitney U test on their gaps per bucket, then and now,
   * Benjamini–Hochberg across the transitions tested; reported with both medians at q below the false discovery rate.
   */
  private static void compareGaps(Map<String, TransitionRecord> current, Map<String, TransitionRecord> previous,
      Map<String, Object> summary) {
    List<Map<String, Object>> tests = new ArrayList<>();
    List<Double> pValues = new ArrayList<>();
    for (Map.Entry<String, TransitionRecord> e : current.entrySet()) {
      TransitionRecord old = previous.get(e.getKey());
      TransitionRecord now = e.getValue();
      if (old == null || old.gapBuckets() == null || now.gapBuckets() == null
          || old.medianGapSeconds() == null || now.medianGapSeconds() == null) {
        continue;
      }
      double p = MannWhitneyTest.pValue(old.gapBuckets(), now.gapBuckets());
      Map<String, Object> test = new LinkedHashMap<>();
      test.put("transition", e.getKey());
      test.put("previous_median_seconds", old.medianGapSeconds());
      test.put("current_median_seconds", now.medianGapSeconds());
      test.put("previous_gaps", java.util.Arrays.stream(old.gapBuckets()).sum());
      test.put("current_gaps", java.util.Arrays.stream(now.gapBuckets()).sum());
      test.put("p_value", p);
      tests.add(test);
      pValues.add(p);
    }
    List<Map<String, Object>> changes = significant(tests, pValues);
    summary.put("gaps_tested", tests.size());
    summary.put("changed_gaps", changes);
  }

  /**
   * The tests whose Benjamini–Hochberg q-value, over all {@code pValues} (one per test), is below the false discovery
   * rate, each given its {@code q_value}, smallest first.
   */
  private static List<Map<String, Object>> significant(List<Map<String, Object>> tests, List<Double> pValues) {
    double[] q = BenjaminiHochberg.qValues(pValues.stream().mapToDouble(Double::doubleValue).toArray());
    List<Map<String, Object>> changes = new ArrayList<>();
    for (int i = 0; i < tests.size(); i++) {
      if (q[i] < FALSE_DISCOVERY_RATE) {
        tests.get(i).put("q_value", q[i]);
        changes.add(tests.get(i));
      }
    }
    changes.sort((x, y) -> Double.compare((double) x.get("q_value"), (double) y.get("q_value")));
    return changes;
  }

  private static RateCount count(TransitionRecord.RateValue v) {
    if (v == null || v.decided() == null || v.hits() == null) {
      return null;
    }
    return new RateCount(v.hits(), v.decided());
  }

  /** The variants of the table in {@code dir}: journeys by touchpoint sequence, in rank order. */
  private static Map<String, Long> variants(Path dir) {
    Map<String, Long> variants = new LinkedHashMap<>();
    TableReader.forEach(dir, Set.of(OutputSchema.TOUCHPOINTS, OutputSchema.JOURNEYS)::contains,
        row -> variants.put(row.string(OutputSchema.TOUCHPOINTS), row.longValue(OutputSchema.JOURNEYS)));
    return variants;
  }

  private static void compareVariants(Map<String, Long> current, Map<String, Long> previous,
      Map<String, Object> summary) {
    List<Map.Entry<String, Long>> appeared = current.entrySet().stream()
        .filter(e -> !previous.containsKey(e.getKey())).toList();
    List<Map.Entry<String, Long>> vanished = previous.entrySet().stream()
        .filter(e -> !current.containsKey(e.getKey())).toList();
    summary.put("new_variants_count", appeared.size());
    summary.put("vanished_variants_count", vanished.size());
    summary.put("new_variants", appeared.stream().limit(20).map(RunComparison::variant).toList());
    summary.put("vanished_variants", vanished.stream().limit(20).map(RunComparison::variant).toList());
  }

  /** One variant as {@code {touchpoints, journeys}}, in that order (Map.of would order its keys differently per JVM). */
  private static Map<String, Object> variant(Map.Entry<String, Long> e) {
    Map<String, Object> variant = new LinkedHashMap<>();
    variant.put("touchpoints", e.getKey());
    variant.put("journeys", e.getValue());
    return variant;
  }

  private static Map<String, Object> fateShares(RunManifest manifest) {
    RunManifest.Counts counts = manifest.counts();
    double journeys = Math.max(1, orZero(counts.journeys()));
    Map<String, Object> shares = new LinkedHashMap<>();
    for (String fate : List.of("converted", "dropped", "pending", "unjudged")) {
      shares.put(fate, counts.journeys(fate) / journeys);
    }
    return shares;
  }

  private static long orZero(Long n) {
    return n == null ? 0 : n;
  }
}
