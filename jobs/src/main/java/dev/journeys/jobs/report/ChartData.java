package dev.journeys.jobs.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.jobs.io.Rate;
import dev.journeys.jobs.io.TransitionRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The data the report's charts draw, as ECharts takes it, serialised by Jackson: the graph's nodes and links (the
 * {@link ReportTables#CHART_TRANSITIONS} transitions of most passages; width by passages, colour by drop-off rate)
 * and the variant coverage curve.
 */
record ChartData(List<Node> nodes, List<Link> links, List<double[]> coverage, StageFlow stageFlow,
    Distributions times, Distributions conversions, SegmentBars segments, StageFlow paths) {

  /** The rates of the two segments compared, per change beyond noise (most significant first), as percentages. */
  record SegmentBars(String a, String b, List<String> labels, List<Double> ratesA, List<Double> ratesB) {}

  /**
   * Distributions over the {@link dev.journeys.model.metric.GapBuckets} buckets, one series each (a transition's gaps
   * or a goal's times to convert), as shares of the series' total so that series of any size compare.
   */
  record Distributions(List<String> buckets, List<Series> series) {}

  record Series(String name, long total, List<Double> shares) {}

  /**
   * The stage flow as a Sankey diagram: the stages a passage leaves on the left ({@code START} among them), the stages
   * it enters on the right ({@code END} among them), so that the diagram has no cycle whatever the passages; link
   * width by passages, colour by stall rate, and each link's rates in its tooltip.
   */
  record StageFlow(List<Node> nodes, List<FlowLink> links) {}

  record FlowLink(String source, String target, long value, String tip, LineStyle lineStyle) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  record Node(String name, int symbolSize) {}

  record Link(String source, String target, long value, LineStyle lineStyle) {}

  record LineStyle(double width, String color, double curveness) {}

  /** The chart data of {@code transitions} (most passages first) and the coverage points, as JSON safe to inline in a script. */
  static String json(List<TransitionRecord> transitions, List<double[]> coverage) {
    return json(transitions, coverage, List.of(), null, List.of(), List.of(), List.of(), List.of(), 1);
  }

  /** As above, with the stage flow of {@code stages} (none when empty); repeat contact within {@code window}. */
  static String json(List<TransitionRecord> transitions, List<double[]> coverage, List<ReportTables.StageLink> stages,
      String window, List<TransitionRecord> timed, List<ReportTables.Conversion> conversions,
      List<ReportTables.SegmentChange> segmentChanges, List<ReportTables.PathRow> paths, long minPassages) {
    List<TransitionRecord> drawn = transitions.subList(0, Math.min(ReportTables.CHART_TRANSITIONS, transitions.size()));
    long max = transitions.stream().mapToLong(TransitionRecord::passages).max().orElse(1);
    TreeSet<String> names = new TreeSet<>();
    List<Link> links = new ArrayList<>();
    for (TransitionRecord r : drawn) {
      names.add(r.from());
      names.add(r.to());
      Double drop = r.rate(Rate.DROP_OFF).rate();
      double rate = drop == null ? 0 : drop;
      links.add(new Link(r.from(), r.to(), r.passages(), new LineStyle(1 + 7.0 * r.passages() / max, color(rate),
          0.15)));
    }
    List<double[]> curve = new ArrayList<>();
    curve.add(new double[] {0, 0});
    curve.addAll(coverage);
    List<Node> nodes = names.stream().map(n -> new Node(n, 18)).toList();
    try {
      String json = JSON.writeValueAsString(new ChartData(nodes, links, curve, stageFlow(stages, window),
          distributions(timed.stream().filter(r -> r.gapBuckets() != null)
              .map(r -> series(r.from() + " → " + r.to(), r.gapBuckets())).toList()),
          distributions(conversions.stream().map(c -> series(c.goal(), c.buckets())).toList()),
          segmentBars(segmentChanges), pathFlow(paths, minPassages)));
      // Inlined in a script: no sequence that could close the script or open a comment.
      return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The flow around the touchpoint, from the paths listed before and after it ({@code other} left out): a node per
   * position and touchpoint (the touchpoint at 0), a link per step with its journeys, links of fewer than
   * {@code minPassages} journeys left out. Null without paths.
   */
  private static StageFlow pathFlow(List<ReportTables.PathRow> paths, long minPassages) {
    java.util.Map<List<Object>, Long> steps = new java.util.LinkedHashMap<>();
    for (ReportTables.PathRow p : paths) {
      if (p.rank() == null || p.side().equals("dropped_last")) {
        continue;
      }
      String[] touchpoints = p.path().split(" → ");
      int offset = p.side().equals("before") ? -(touchpoints.length - 1) : 0;
      for (int i = 0; i + 1 < touchpoints.length; i++) {
        steps.merge(List.of(offset + i, touchpoints[i], touchpoints[i + 1]), p.journeys(), Long::sum);
      }
    }
    List<FlowLink> links = new ArrayList<>();
    java.util.TreeMap<String, Node> nodes = new java.util.TreeMap<>();
    steps.forEach((k, journeys) -> {
      if (journeys < minPassages) {
        return;
      }
      int at = (Integer) k.get(0);
      String from = node(at, (String) k.get(1));
      String to = node(at + 1, (String) k.get(2));
      nodes.putIfAbsent(from, new Node(from, 0));
      nodes.putIfAbsent(to, new Node(to, 0));
      links.add(new FlowLink(from, to, journeys, String.format(Locale.ROOT, "%s → %s: %,d journeys", k.get(1),
          k.get(2), journeys), new LineStyle(0, "#5b8bd0", 0.5)));
    });
    return links.isEmpty() ? null : new StageFlow(List.copyOf(nodes.values()), links);
  }

  /** A node of the path flow: the step's position (the touchpoint at 0) and touchpoint, e.g. {@code -2 web:faq}. */
  private static String node(int position, String touchpoint) {
    return (position > 0 ? "+" : "") + position + " " + touchpoint;
  }

  /** The bars of the first ten changes beyond noise, or null when there are none. */
  private static SegmentBars segmentBars(List<ReportTables.SegmentChange> changes) {
    if (changes.isEmpty()) {
      return null;
    }
    List<ReportTables.SegmentChange> shown = changes.subList(0, Math.min(10, changes.size()));
    return new SegmentBars(shown.get(0).a(), shown.get(0).b(),
        shown.stream().map(c -> c.from() + " → " + c.to() + " · " + c.rate()).toList(),
        shown.stream().map(c -> 100 * c.rateA()).toList(), shown.stream().map(c -> 100 * c.rateB()).toList());
  }

  private static StageFlow stageFlow(List<ReportTables.StageLink> stages, String window) {
    if (stages.isEmpty()) {
      return null;
    }
    java.util.LinkedHashSet<String> left = new java.util.LinkedHashSet<>();
    java.util.LinkedHashSet<String> right = new java.util.LinkedHashSet<>();
    List<FlowLink> links = new ArrayList<>();
    for (ReportTables.StageLink s : stages) {
      String target = "→ " + s.to();
      left.add(s.from());
      right.add(target);
      double stall = s.stall() == null ? 0 : s.stall();
      String tip = String.format(Locale.ROOT, "%s → %s: %,d passages, %,d customers; stall %s; repeat contact "
          + "within %s %s", s.from(), s.to(), s.passages(), s.customers(),
          rate(s.stall(), s.stallLower(), s.stallUpper(), s.stallDecided()), window,
          rate(s.repeat(), s.repeatLower(), s.repeatUpper(), s.repeatDecided()));
      links.add(new FlowLink(s.from(), target, s.passages(), tip, new LineStyle(0, color(stall), 0.5)));
    }
    List<Node> nodes = new ArrayList<>();
    left.forEach(n -> nodes.add(new Node(n, 0)));
    right.forEach(n -> nodes.add(new Node(n, 0)));
    return new StageFlow(nodes, links);
  }

  /** The colour of a rate from 0 (green) to 1 (red). */
  private static String color(double rate) {
    return String.format(Locale.ROOT, "rgb(%d,%d,60)", (int) (60 + 195 * rate), (int) (180 - 140 * rate));
  }

  /** A rate with its interval and count, or "not judged". */
  static String rate(Double rate, Double lower, Double upper, Long counted) {
    if (rate == null) {
      return "not judged";
    }
    return String.format(Locale.ROOT, "%.1f%% (%.1f–%.1f%%, of %,d)", 100 * rate, 100 * lower, 100 * upper, counted);
  }

  private static Distributions distributions(List<Series> series) {
    return series.isEmpty() ? null : new Distributions(dev.journeys.model.metric.GapBuckets.LABELS, series);
  }

  private static Series series(String name, long[] counts) {
    long total = java.util.Arrays.stream(counts).sum();
    List<Double> shares = new ArrayList<>(counts.length);
    for (long n : counts) {
      shares.add(total == 0 ? 0.0 : (double) n / total);
    }
    return new Series(name, total, shares);
  }
}
