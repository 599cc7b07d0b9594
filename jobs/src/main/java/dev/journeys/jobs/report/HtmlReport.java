package dev.journeys.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeys.jobs.io.Outputs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code report.html}: one self-contained page (ECharts inlined, no network) with the headline
 * figures, both ranked tables, the hand-offs between owners, the transition graph, the variant coverage
 * curve, the changes since the previous run and the data quality. Every string from data is escaped.
 */
public final class HtmlReport {

  private static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ROWS = 20;

  private HtmlReport() {}

  /** Writes the report of the finished run in {@code dir}, reading its manifest. */
  public static void write(Path dir) {
    try {
      write(dir, JSON.readTree(dir.resolve(Outputs.MANIFEST).toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + dir.resolve(Outputs.MANIFEST) + ": " + e.getMessage(), e);
    }
  }

  /** Writes the report of the run in {@code dir}, whose manifest is not written yet. */
  public static void write(Path dir, JsonNode manifest) {
    try {
      JsonNode summary = Files.exists(dir.resolve("summary.json")) ? JSON.readTree(dir.resolve("summary.json").toFile())
          : null;
      List<Map<String, String>> transitions = drawnTransitions(dir.resolve("transitions.csv"));
      List<Map<String, String>> variants = coveragePoints(dir.resolve("variants.csv"));
      List<Map<String, String>> ownerPairs = Files.exists(dir.resolve(Outputs.HANDOFFS))
          ? RunComparison.table(dir.resolve(Outputs.HANDOFFS)) : List.of();
      Files.writeString(dir.resolve("report.html"), html(manifest, summary, transitions, variants, ownerPairs),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + dir.resolve("report.html") + ": " + e.getMessage(), e);
    }
  }

  /** The chart draws at most this many transitions, those of most passages: a force layout of more is a blur. */
  static final int CHART_TRANSITIONS = 300;
  /** The coverage curve keeps every variant up to this rank, and log-spaced ranks after it. */
  static final int COVERAGE_EXACT = 1_000;

  /**
   * The rows of {@code transitions.csv} the report shows, streamed so that a table of millions of rows is
   * never held: the ranked ones, the largest hand-offs, and the transitions of most passages for the chart.
   */
  static List<Map<String, String>> drawnTransitions(Path csv) {
    Comparator<Map<String, String>> byPassages = Comparator
        .comparingLong((Map<String, String> r) -> Long.parseLong(r.get("passages")))
        .thenComparing(r -> r.get("from"), Comparator.reverseOrder())
        .thenComparing(r -> r.get("to"), Comparator.reverseOrder());
    java.util.PriorityQueue<Map<String, String>> busiest = new java.util.PriorityQueue<>(byPassages);
    java.util.PriorityQueue<Map<String, String>> handoffs = new java.util.PriorityQueue<>(byPassages);
    java.util.Set<Map<String, String>> keep = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    RunComparison.forEachRow(csv, r -> {
      if (ranked(r, "drop_off_rank") || ranked(r, "repeat_contact_rank")) {
        keep.add(r);
      }
      bounded(busiest, r, CHART_TRANSITIONS);
      String share = r.getOrDefault("handoff_share", "");
      if (!share.isEmpty() && Double.parseDouble(share) > 0) {
        bounded(handoffs, r, ROWS);
      }
    });
    keep.addAll(busiest);
    keep.addAll(handoffs);
    // In the file's order (by passages), as the report has always read them.
    List<Map<String, String>> rows = new java.util.ArrayList<>(keep);
    rows.sort(byPassages.reversed());
    return rows;
  }

  private static boolean ranked(Map<String, String> r, String column) {
    String rank = r.getOrDefault(column, "");
    return !rank.isEmpty() && Integer.parseInt(rank) <= ROWS;
  }

  private static void bounded(java.util.PriorityQueue<Map<String, String>> top, Map<String, String> r, int size) {
    top.add(r);
    if (top.size() > size) {
      top.poll();
    }
  }

  /** The points of the variant coverage curve: every rank up to {@link #COVERAGE_EXACT}, then ranks 1% apart, and the last. */
  static List<Map<String, String>> coveragePoints(Path csv) {
    CoverageSampler sampler = new CoverageSampler();
    RunComparison.forEachRow(csv, sampler);
    return sampler.points();
  }

  /** Keeps the variants' rows the coverage curve needs, as they stream by in rank order. */
  private static final class CoverageSampler implements java.util.function.Consumer<Map<String, String>> {
    private final List<Map<String, String>> points = new java.util.ArrayList<>();
    private Map<String, String> lastSkipped;
    private double next = COVERAGE_EXACT;

    @Override
    public void accept(Map<String, String> row) {
      int rank = Integer.parseInt(row.get("rank"));
      Map<String, String> point = Map.of("rank", row.get("rank"), "cumulative_share", row.get("cumulative_share"));
      if (rank <= COVERAGE_EXACT || rank >= next) {
        points.add(point);
        if (rank > COVERAGE_EXACT) {
          next = Math.max(rank + 1, next * 1.01);
        }
        lastSkipped = null;
      } else {
        lastSkipped = point;
      }
    }

    List<Map<String, String>> points() {
      if (lastSkipped != null) {
        points.add(lastSkipped);
      }
      return points;
    }
  }

  static String html(JsonNode manifest, JsonNode summary, List<Map<String, String>> transitions,
      List<Map<String, String>> variants, List<Map<String, String>> ownerPairs) throws IOException {
    JsonNode counts = manifest.path("counts");
    String window = manifest.path("options").path("ranked_window").asText("7d");
    StringBuilder h = new StringBuilder(200_000);
    h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>journeys report</title><style>")
        .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}")
        .append("td,th{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left}td.n{text-align:right}")
        .append(".cards{display:flex;gap:1em;flex-wrap:wrap}.card{border:1px solid #ddd;border-radius:6px;padding:.8em}")
        .append(".card b{display:block;font-size:1.5em}#graph{height:560px}#coverage{height:320px}</style></head><body>");
    h.append("<h1>journeys report</h1><p>Cut-off ").append(esc(manifest.path("cut_off").asText()))
        .append(summary != null ? " · date " + esc(summary.path("date").asText()) : "").append("</p>");
    h.append("<div class=\"cards\">");
    card(h, "events", counts.path("events_analysed").asLong());
    card(h, "customers", counts.path("customers").asLong());
    card(h, "journeys", counts.path("journeys").asLong());
    for (String fate : List.of("converted", "dropped", "pending")) {
      card(h, fate, counts.path("journeys_" + fate).asLong());
    }
    h.append("</div>");
    changes(h, summary);

    ranked(h, "Drop-off: transitions after which journeys ended dropped", transitions, "drop_off_rank", "drop_off");
    ranked(h, "Repeat contact within " + esc(window) + ": transitions followed by a repeat contact", transitions,
        "repeat_contact_rank", "repeat_contact" + "|" + window);
    handoffs(h, ownerPairs, transitions, window);

    h.append("<h2>Transition graph</h2><p>Edge width: passages; colour: drop-off rate (green low, red high).</p>")
        .append("<div id=\"graph\"></div><h2>Variant coverage</h2><p>Share of journeys covered by the most frequent ")
        .append("variants.</p><div id=\"coverage\"></div>");
    quality(h, manifest);

    try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(ECHARTS)) {
      if (in == null) {
        throw new IOException("ECharts is not on the class path (" + ECHARTS + ")");
      }
      h.append("<script>").append(new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("</script", "<\\/script"))
          .append("</script>");
    }
    h.append("<script>const data=").append(script(chartData(transitions, variants))).append(";\n")
        .append("""
            const g=echarts.init(document.getElementById('graph'));
            g.setOption({tooltip:{},series:[{type:'graph',layout:'force',roam:true,draggable:true,
              force:{repulsion:400,edgeLength:[60,220]},label:{show:true,fontSize:10},edgeSymbol:['none','arrow'],
              data:data.nodes,links:data.links}]});
            const c=echarts.init(document.getElementById('coverage'));
            c.setOption({tooltip:{trigger:'axis'},xAxis:{type:'value',name:'variants'},
              yAxis:{type:'value',max:1,name:'share of journeys'},series:[{type:'line',showSymbol:false,data:data.coverage}]});
            window.reportReady=true;
            """).append("</script></body></html>\n");
    return h.toString();
  }

  private static void card(StringBuilder h, String label, long value) {
    h.append("<div class=\"card\"><b>").append(String.format(Locale.ROOT, "%,d", value)).append("</b>")
        .append(esc(label)).append("</div>");
  }

  private static void ranked(StringBuilder h, String title, List<Map<String, String>> rows, String rankColumn,
      String rate) {
    String[] parts = rate.split("\\|");
    String suffix = parts.length > 1 ? "_" + parts[1] : "";
    h.append("<h2>").append(title).append("</h2>");
    List<Map<String, String>> ranked = rows.stream().filter(r -> !r.getOrDefault(rankColumn, "").isEmpty())
        .sorted(Comparator.comparingInt(r -> Integer.parseInt(r.get(rankColumn)))).limit(ROWS).toList();
    if (ranked.isEmpty()) {
      h.append("<p>Nothing ranked (no goal, no repeat contacts, or too few passages).</p>");
      return;
    }
    h.append("<table><tr><th>#</th><th>from</th><th>to</th><th>rate</th><th>95% interval</th><th>counted</th>")
        .append("<th>passages</th></tr>");
    for (Map<String, String> r : ranked) {
      h.append("<tr><td class=\"n\">").append(esc(r.get(rankColumn))).append("</td><td>").append(esc(r.get("from")))
          .append("</td><td>").append(esc(r.get("to"))).append("</td><td class=\"n\">")
          .append(percent(r.get(parts[0] + "_rate" + suffix))).append("</td><td class=\"n\">")
          .append(percent(r.get(parts[0] + "_lower" + suffix))).append(" – ")
          .append(percent(r.get(parts[0] + "_upper" + suffix))).append("</td><td class=\"n\">")
          .append(esc(r.get(parts[0] + "_decided" + suffix))).append("</td><td class=\"n\">").append(esc(r.get("passages")))
          .append("</td></tr>");
    }
    h.append("</table>");
  }

  private static void handoffs(StringBuilder h, List<Map<String, String>> ownerPairs, List<Map<String, String>> rows,
      String window) {
    List<Map<String, String>> handoffs = rows.stream()
        .filter(r -> !r.getOrDefault("handoff_share", "").isEmpty() && Double.parseDouble(r.get("handoff_share")) > 0)
        .sorted(Comparator.comparingLong((Map<String, String> r) -> Long.parseLong(r.get("passages"))).reversed())
        .limit(ROWS).toList();
    h.append("<h2>Hand-offs between owners</h2>");
    List<Map<String, String>> between = ownerPairs.stream()
        .filter(r -> !r.get("from_owner").equals(r.get("to_owner"))).limit(ROWS).toList();
    if (handoffs.isEmpty() && between.isEmpty()) {
      h.append("<p>No hand-offs: owners are unknown or never change.</p>");
      return;
    }
    String repeat = "repeat_contact|_" + window;
    if (!between.isEmpty()) {
      List<Map<String, String>> within = ownerPairs.stream()
          .filter(r -> r.get("from_owner").equals(r.get("to_owner"))).toList();
      h.append("<p>Passages from a touchpoint of one owner to a touchpoint of another: nobody owns them. ")
          .append("Passages that stay with one owner, for comparison: drop-off ").append(pooled(within, "drop_off|"))
          .append(", repeat contact within ").append(esc(window)).append(' ').append(pooled(within, repeat))
          .append(".</p>");
      h.append("<table><tr><th>from owner</th><th>to owner</th><th>passages</th><th>customers</th><th>drop-off</th>")
          .append("<th>95% interval</th><th>repeat contact ").append(esc(window)).append("</th><th>95% interval</th>")
          .append("<th>median gap</th></tr>");
      for (Map<String, String> r : between) {
        h.append("<tr><td>").append(esc(r.get("from_owner"))).append("</td><td>").append(esc(r.get("to_owner")))
            .append("</td><td class=\"n\">").append(esc(r.get("passages"))).append("</td><td class=\"n\">")
            .append(esc(r.get("customers"))).append("</td>");
        rateCells(h, r, "drop_off|");
        rateCells(h, r, repeat);
        h.append("<td class=\"n\">").append(duration(r.get("median_gap_seconds"))).append("</td></tr>");
      }
      h.append("</table>");
    }
    if (handoffs.isEmpty()) {
      return;
    }
    h.append("<h3>The transitions that hand off</h3>")
        .append("<table><tr><th>from</th><th>to</th><th>hand-off share</th><th>drop-off</th><th>passages</th></tr>");
    for (Map<String, String> r : handoffs) {
      h.append("<tr><td>").append(esc(r.get("from"))).append("</td><td>").append(esc(r.get("to")))
          .append("</td><td class=\"n\">").append(percent(r.get("handoff_share"))).append("</td><td class=\"n\">")
          .append(percent(r.get("drop_off_rate"))).append("</td><td class=\"n\">").append(esc(r.get("passages")))
          .append("</td></tr>");
    }
    h.append("</table>");
  }

  /** A rate and its interval as two cells; {@code rate} is {@code prefix|suffix}, e.g. {@code repeat_contact|_7d}. */
  private static void rateCells(StringBuilder h, Map<String, String> r, String rate) {
    String[] parts = rate.split("\\|", -1);
    h.append("<td class=\"n\">").append(percent(r.get(parts[0] + "_rate" + parts[1]))).append("</td><td class=\"n\">");
    String lower = r.get(parts[0] + "_lower" + parts[1]);
    if (lower != null && !lower.isEmpty()) {
      h.append(percent(lower)).append(" – ").append(percent(r.get(parts[0] + "_upper" + parts[1])));
    }
    h.append("</td>");
  }

  /** Hits over counted passages across rows, as a percentage with its count, or "not judged". */
  private static String pooled(List<Map<String, String>> rows, String rate) {
    String[] parts = rate.split("\\|", -1);
    long hits = 0;
    long counted = 0;
    for (Map<String, String> r : rows) {
      String d = r.getOrDefault(parts[0] + "_decided" + parts[1], "");
      if (!d.isEmpty()) {
        counted += Long.parseLong(d);
        hits += Long.parseLong(r.get(parts[0] + "_hits" + parts[1]));
      }
    }
    return counted == 0 ? "not judged"
        : String.format(Locale.ROOT, "%.1f%% (of %,d)", 100.0 * hits / counted, counted);
  }

  /** Seconds in the unit that reads best. */
  static String duration(String seconds) {
    if (seconds == null || seconds.isEmpty()) {
      return "";
    }
    double s = Double.parseDouble(seconds);
    if (s >= 2 * 86_400) {
      return String.format(Locale.ROOT, "%.1f d", s / 86_400);
    } else if (s >= 2 * 3_600) {
      return String.format(Locale.ROOT, "%.1f h", s / 3_600);
    } else if (s >= 120) {
      return String.format(Locale.ROOT, "%.0f min", s / 60);
    }
    return String.format(Locale.ROOT, "%.0f s", s);
  }

  private static void changes(StringBuilder h, JsonNode summary) {
    h.append("<h2>Changes since the previous run</h2>");
    if (summary == null || summary.path("previous_date").isNull() || summary.path("previous_date").isMissingNode()) {
      h.append("<p>No earlier finished run to compare with.</p>");
      return;
    }
    h.append("<p>Compared with ").append(esc(summary.path("previous_date").asText())).append(": ")
        .append(summary.path("changed_rates").size()).append(" rates changed beyond noise (q &lt; 0.05 after ")
        .append("Benjamini–Hochberg over ").append(summary.path("rates_tested").asInt()).append(" tests); ")
        .append(summary.path("new_transitions").size()).append(" new and ")
        .append(summary.path("vanished_transitions").size()).append(" vanished transitions.</p>");
    if (summary.path("changed_rates").size() > 0) {
      h.append("<table><tr><th>transition</th><th>rate</th><th>before</th><th>now</th><th>counted before</th>")
          .append("<th>counted now</th><th>q</th></tr>");
      for (JsonNode c : summary.path("changed_rates")) {
        h.append("<tr><td>").append(esc(c.path("transition").asText())).append("</td><td>")
            .append(esc(c.path("rate").asText())).append("</td><td class=\"n\">")
            .append(percent(c.path("previous").asText())).append("</td><td class=\"n\">")
            .append(percent(c.path("current").asText())).append("</td><td class=\"n\">")
            .append(esc(c.path("previous_decided").asText())).append("</td><td class=\"n\">")
            .append(esc(c.path("current_decided").asText())).append("</td><td class=\"n\">")
            .append(String.format(Locale.ROOT, "%.2g", c.path("q_value").asDouble())).append("</td></tr>");
      }
      h.append("</table>");
    }
    JsonNode before = summary.path("previous_fate_shares");
    JsonNode now = summary.path("fate_shares");
    h.append("<table><tr><th>journeys' fate</th><th>before</th><th>now</th><th>change</th></tr>");
    for (String fate : List.of("converted", "dropped", "pending")) {
      double a = before.path(fate).asDouble();
      double b = now.path(fate).asDouble();
      // Nightly windows overlap by most of their days: fate shares move by hundredths of a point, so show them.
      double points = Math.round(100 * (b - a) * 100) / 100.0;
      h.append("<tr><td>").append(fate).append("</td><td class=\"n\">")
          .append(String.format(Locale.ROOT, "%.2f%%", 100 * a)).append("</td><td class=\"n\">")
          .append(String.format(Locale.ROOT, "%.2f%%", 100 * b)).append("</td><td class=\"n\">")
          .append(String.format(Locale.ROOT, "%+.2f pt", points == 0 ? 0.0 : points)).append("</td></tr>");
    }
    h.append("</table>");
    list(h, "New transitions", summary.path("new_transitions"), summary.path("new_transitions").size(), false);
    list(h, "Vanished transitions", summary.path("vanished_transitions"), summary.path("vanished_transitions").size(),
        false);
    list(h, "New variants", summary.path("new_variants"), summary.path("new_variants_count").asLong(), true);
    list(h, "Vanished variants", summary.path("vanished_variants"), summary.path("vanished_variants_count").asLong(),
        true);
  }

  /** A titled list of transitions, or of variants with their journeys; nothing when the list is empty. */
  private static void list(StringBuilder h, String title, JsonNode items, long total, boolean variants) {
    if (items.size() == 0) {
      return;
    }
    h.append("<h3>").append(title).append(" (").append(total)
        .append(total > items.size() ? ", the largest " + items.size() + " shown" : "").append(")</h3><ul>");
    for (JsonNode item : items) {
      h.append("<li>");
      if (variants) {
        long journeys = item.path("journeys").asLong();
        h.append(esc(item.path("touchpoints").asText())).append(" <i>(").append(String.format(Locale.ROOT, "%,d", journeys))
            .append(journeys == 1 ? " journey" : " journeys").append(")</i>");
      } else {
        h.append(esc(item.asText()));
      }
      h.append("</li>");
    }
    h.append("</ul>");
  }

  private static void quality(StringBuilder h, JsonNode manifest) {
    JsonNode counts = manifest.path("counts");
    h.append("<h2>Data quality</h2><ul><li>").append(String.format(Locale.ROOT, "%,d", counts.path("rows_read").asLong()))
        .append(" rows read, ").append(String.format(Locale.ROOT, "%,d", counts.path("quarantined_rows").asLong()))
        .append(" quarantined (see quarantine.csv)</li><li>")
        .append(String.format(Locale.ROOT, "%,d", counts.path("events_after_cut_off").asLong()))
        .append(" events after the cut-off left out</li>");
    if (counts.has("events_before_window")) {
      h.append("<li>").append(String.format(Locale.ROOT, "%,d", counts.path("events_before_window").asLong()))
          .append(" events before the window (from ").append(esc(manifest.path("options").path("window_start").asText()))
          .append(") left out</li>");
    }
    for (JsonNode note : manifest.path("notes")) {
      h.append("<li>").append(esc(note.asText())).append("</li>");
    }
    JsonNode stitching = manifest.path("stitching");
    if (!stitching.isMissingNode()) {
      h.append("<li>Stitching: ").append(String.format(Locale.ROOT, "%,d", stitching.path("customers").asLong()))
          .append(" customers from ").append(String.format(Locale.ROOT, "%,d", stitching.path("identity_keys").asLong()))
          .append(" identity keys; ").append(stitching.path("shared_keys").size()).append(" shared keys not used; ")
          .append(String.format(Locale.ROOT, "%,d", stitching.path("records_without_any_identity_key").asLong()))
          .append(" records without an identity key</li>");
      for (JsonNode s : stitching.path("sources")) {
        h.append("<li>").append(esc(s.path("source").asText())).append(": ")
            .append(percent(s.path("known_share").asText())).append(" of events reached a known customer</li>");
      }
    }
    h.append("</ul>");
  }

  private static ObjectNode chartData(List<Map<String, String>> transitions, List<Map<String, String>> variants) {
    ObjectNode data = JSON.createObjectNode();
    ArrayNode nodes = data.putArray("nodes");
    ArrayNode links = data.putArray("links");
    java.util.Set<String> names = new java.util.TreeSet<>();
    long max = transitions.stream().mapToLong(r -> Long.parseLong(r.get("passages"))).max().orElse(1);
    for (Map<String, String> r : transitions.subList(0, Math.min(CHART_TRANSITIONS, transitions.size()))) {
      names.add(r.get("from"));
      names.add(r.get("to"));
      String drop = r.getOrDefault("drop_off_rate", "");
      double rate = drop.isEmpty() ? 0 : Double.parseDouble(drop);
      ObjectNode link = links.addObject().put("source", r.get("from")).put("target", r.get("to"))
          .put("value", Long.parseLong(r.get("passages")));
      link.putObject("lineStyle").put("width", 1 + 7.0 * Long.parseLong(r.get("passages")) / max)
          .put("color", String.format(Locale.ROOT, "rgb(%d,%d,60)", (int) (60 + 195 * rate), (int) (180 - 140 * rate)))
          .put("curveness", 0.15);
    }
    for (String name : names) {
      nodes.addObject().put("name", name).put("symbolSize", 18);
    }
    ArrayNode coverage = data.putArray("coverage");
    coverage.addArray().add(0).add(0);
    for (Map<String, String> v : variants) {
      coverage.addArray().add(Integer.parseInt(v.get("rank"))).add(Double.parseDouble(v.get("cumulative_share")));
    }
    return data;
  }

  /** JSON to inline in a script: no sequence that could close the script or open a comment. */
  static String script(JsonNode json) {
    return json.toString().replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
  }

  static String esc(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String percent(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    return String.format(Locale.ROOT, "%.1f%%", 100 * Double.parseDouble(value));
  }
}
