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
record ChartData(List<Node> nodes, List<Link> links, List<double[]> coverage) {

  private static final ObjectMapper JSON = new ObjectMapper();

  record Node(String name, int symbolSize) {}

  record Link(String source, String target, long value, LineStyle lineStyle) {}

  record LineStyle(double width, String color, double curveness) {}

  /** The chart data of {@code transitions} (most passages first) and the coverage points, as JSON safe to inline in a script. */
  static String json(List<TransitionRecord> transitions, List<double[]> coverage) {
    List<TransitionRecord> drawn = transitions.subList(0, Math.min(ReportTables.CHART_TRANSITIONS, transitions.size()));
    long max = transitions.stream().mapToLong(TransitionRecord::passages).max().orElse(1);
    TreeSet<String> names = new TreeSet<>();
    List<Link> links = new ArrayList<>();
    for (TransitionRecord r : drawn) {
      names.add(r.from());
      names.add(r.to());
      Double drop = r.rate(Rate.DROP_OFF).rate();
      double rate = drop == null ? 0 : drop;
      links.add(new Link(r.from(), r.to(), r.passages(), new LineStyle(1 + 7.0 * r.passages() / max,
          String.format(Locale.ROOT, "rgb(%d,%d,60)", (int) (60 + 195 * rate), (int) (180 - 140 * rate)), 0.15)));
    }
    List<double[]> curve = new ArrayList<>();
    curve.add(new double[] {0, 0});
    curve.addAll(coverage);
    List<Node> nodes = names.stream().map(n -> new Node(n, 18)).toList();
    try {
      String json = JSON.writeValueAsString(new ChartData(nodes, links, curve));
      // Inlined in a script: no sequence that could close the script or open a comment.
      return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
