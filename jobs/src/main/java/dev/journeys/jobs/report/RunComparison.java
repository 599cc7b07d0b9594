package dev.journeys.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.journeys.jobs.ingest.text.CsvParser;
import dev.journeys.jobs.io.Outputs;
import dev.journeys.model.metric.BenjaminiHochberg;
import dev.journeys.model.metric.RateCount;
import dev.journeys.model.metric.TwoProportionTest;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Run over run: compares a finished run with the previous finished one. Rates that changed by more than
 * noise (two-proportion z-test, Benjamini–Hochberg across every transition and rate tested), transitions
 * and variants that appeared or vanished, and the journeys' fate shares; written as {@code summary.json}.
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
          .filter(p -> Files.exists(p.resolve(Outputs.MANIFEST)))
          .max(Path::compareTo).orElse(null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code summary.json} into {@code current}, compared with {@code previous} (may be null). */
  public static Map<String, Object> write(Path current, Path previous, String date) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("date", date);
    summary.put("previous_date", previous == null ? null : previous.getFileName().toString().substring(3));
    JsonNode now = manifest(current);
    summary.put("events", now.path("counts").path("events_analysed").asLong());
    summary.put("customers", now.path("counts").path("customers").asLong());
    summary.put("journeys", now.path("counts").path("journeys").asLong());
    summary.put("fate_shares", fateShares(now));
    summary.put("ranked_window", now.path("options").path("ranked_window").asText("7d"));
    if (previous != null) {
      JsonNode before = manifest(previous);
      summary.put("previous_fate_shares", fateShares(before));
      compareTransitions(table(current.resolve("transitions.csv")), table(previous.resolve("transitions.csv")), summary);
      compareVariants(table(current.resolve("variants.csv")), table(previous.resolve("variants.csv")), summary);
    }
    try {
      Files.writeString(current.resolve("summary.json"),
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary));
      Files.writeString(current.resolve("summary.md"), markdown(summary, table(current.resolve("transitions.csv"))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return summary;
  }

  /** A few lines for a chat message or an e-mail: headline, the worst transitions, what changed. */
  static String markdown(Map<String, Object> summary, List<Map<String, String>> transitions) {
    StringBuilder md = new StringBuilder();
    @SuppressWarnings("unchecked")
    Map<String, Object> fates = (Map<String, Object>) summary.get("fate_shares");
    md.append("**journeys — ").append(summary.get("date")).append("**\n\n");
    md.append(String.format(Locale.ROOT, "%,d events · %,d customers · %,d journeys: %.0f%% converted, "
        + "%.0f%% dropped, %.0f%% pending%n%n", summary.get("events"), summary.get("customers"), summary.get("journeys"),
        100 * (double) fates.get("converted"), 100 * (double) fates.get("dropped"),
        100 * (double) fates.get("pending")));
    top(md, "Top drop-off", transitions, "drop_off_rank", "drop_off_rate");
    String window = String.valueOf(summary.get("ranked_window"));
    top(md, "Top repeat contact within " + window, transitions, "repeat_contact_rank",
        "repeat_contact_rate_" + window);
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
    md.append(String.format(Locale.ROOT, "New transitions: %d · vanished: %d%n",
        ((List<?>) summary.get("new_transitions")).size(), ((List<?>) summary.get("vanished_transitions")).size()));
    return md.toString();
  }

  private static void top(StringBuilder md, String title, List<Map<String, String>> transitions, String rankColumn,
      String rateColumn) {
    List<Map<String, String>> ranked = transitions.stream()
        .filter(r -> r.get(rankColumn) != null && !r.get(rankColumn).isEmpty())
        .sorted(java.util.Comparator.comparingInt(r -> Integer.parseInt(r.get(rankColumn))))
        .limit(3).toList();
    if (ranked.isEmpty()) {
      return;
    }
    md.append(title).append(":\n");
    for (Map<String, String> r : ranked) {
      String rate = r.getOrDefault(rateColumn, "");
      md.append(String.format(Locale.ROOT, "%s. %s → %s%s (%s passages)%n", r.get(rankColumn), r.get("from"),
          r.get("to"), rate.isEmpty() ? "" : String.format(Locale.ROOT, ": %.1f%%", 100 * Double.parseDouble(rate)),
          r.get("passages")));
    }
    md.append("\n");
  }

  private static void compareTransitions(List<Map<String, String>> now, List<Map<String, String>> before,
      Map<String, Object> summary) {
    Map<String, Map<String, String>> previous = new TreeMap<>();
    before.forEach(r -> previous.put(r.get("from") + " → " + r.get("to"), r));
    Map<String, Map<String, String>> current = new TreeMap<>();
    now.forEach(r -> current.put(r.get("from") + " → " + r.get("to"), r));
    // Every rate with a denominator: drop_off_decided, repeat_contact_decided_7d, … (not the eventual drop-off).
    List<String[]> rates = new ArrayList<>();
    for (String column : now.isEmpty() ? List.<String>of() : now.get(0).keySet()) {
      int at = column.indexOf("_decided");
      if (at > 0 && !column.startsWith("eventual")) {
        rates.add(new String[] {column.substring(0, at), column.substring(at + "_decided".length())});
      }
    }
    List<Map<String, Object>> tests = new ArrayList<>();
    List<Double> pValues = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> e : current.entrySet()) {
      Map<String, String> old = previous.get(e.getKey());
      if (old == null) {
        continue;
      }
      for (String[] rate : rates) {
        RateCount a = count(old, rate);
        RateCount b = count(e.getValue(), rate);
        if (a == null || b == null || a.total() == 0 || b.total() == 0) {
          continue;
        }
        double p = TwoProportionTest.pValue(a, b);
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("transition", e.getKey());
        test.put("rate", rate[0] + rate[1]);
        test.put("previous", a.rate());
        test.put("current", b.rate());
        test.put("previous_decided", a.total());
        test.put("current_decided", b.total());
        test.put("p_value", p);
        tests.add(test);
        pValues.add(p);
      }
    }
    double[] q = BenjaminiHochberg.qValues(pValues.stream().mapToDouble(Double::doubleValue).toArray());
    List<Map<String, Object>> changes = new ArrayList<>();
    for (int i = 0; i < tests.size(); i++) {
      if (q[i] < FALSE_DISCOVERY_RATE) {
        tests.get(i).put("q_value", q[i]);
        changes.add(tests.get(i));
      }
    }
    changes.sort((x, y) -> Double.compare((double) x.get("q_value"), (double) y.get("q_value")));
    summary.put("rates_tested", tests.size());
    summary.put("changed_rates", changes);
    summary.put("new_transitions", current.keySet().stream().filter(k -> !previous.containsKey(k)).toList());
    summary.put("vanished_transitions", previous.keySet().stream().filter(k -> !current.containsKey(k)).toList());
  }

  private static RateCount count(Map<String, String> row, String[] rate) {
    String decided = row.get(rate[0] + "_decided" + rate[1]);
    String hits = row.get(rate[0] + "_hits" + rate[1]);
    if (decided == null || hits == null || decided.isEmpty() || hits.isEmpty()) {
      return null;
    }
    return new RateCount(Long.parseLong(hits), Long.parseLong(decided));
  }

  private static void compareVariants(List<Map<String, String>> now, List<Map<String, String>> before,
      Map<String, Object> summary) {
    Map<String, Long> previous = new LinkedHashMap<>();
    before.forEach(r -> previous.put(r.get("touchpoints"), Long.parseLong(r.get("journeys"))));
    Map<String, Long> current = new LinkedHashMap<>();
    now.forEach(r -> current.put(r.get("touchpoints"), Long.parseLong(r.get("journeys"))));
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

  private static Map<String, Object> fateShares(JsonNode manifest) {
    JsonNode counts = manifest.path("counts");
    double journeys = Math.max(1, counts.path("journeys").asLong());
    Map<String, Object> shares = new LinkedHashMap<>();
    for (String fate : List.of("converted", "dropped", "pending", "unjudged")) {
      shares.put(fate, counts.path("journeys_" + fate).asLong() / journeys);
    }
    return shares;
  }

  private static JsonNode manifest(Path dir) {
    try {
      return new ObjectMapper().readTree(dir.resolve(Outputs.MANIFEST).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + dir.resolve(Outputs.MANIFEST) + ": " + e.getMessage(), e);
    }
  }

  /** Reads one of our CSV exports into rows keyed by header. */
  static List<Map<String, String>> table(Path csv) {
    List<Map<String, String>> rows = new ArrayList<>();
    forEachRow(csv, rows::add);
    return rows;
  }

  /** Streams one of our CSV exports, row by row, keyed by header: for tables too large to hold. */
  static void forEachRow(Path csv, java.util.function.Consumer<Map<String, String>> rows) {
    try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      CsvParser parser = new CsvParser(in, ',');
      CsvParser.Record header = parser.next();
      for (CsvParser.Record r = parser.next(); r != null; r = parser.next()) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < header.fields().size() && i < r.fields().size(); i++) {
          row.put(header.fields().get(i), r.fields().get(i));
        }
        rows.accept(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + csv + ": " + e.getMessage(), e);
    }
  }
}
