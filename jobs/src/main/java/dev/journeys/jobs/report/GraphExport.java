package dev.journeys.jobs.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeys.jobs.io.OutputSchema;
import dev.journeys.jobs.io.Rate;
import dev.journeys.model.event.Touchpoint;
import dev.journeys.model.graph.GraphInsights;
import dev.journeys.model.graph.TransitionEdge;
import dev.journeys.model.graph.TransitionGraph;
import dev.journeys.model.metric.RateCount;
import dev.journeys.model.transition.Transition;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jgrapht.nio.Attribute;
import org.jgrapht.nio.AttributeType;
import org.jgrapht.nio.DefaultAttribute;
import org.jgrapht.nio.dot.DOTExporter;
import org.jgrapht.nio.graphml.GraphMLExporter;
import org.jgrapht.nio.json.JSONExporter;

/**
 * Writes the transition graph as DOT (Graphviz), GraphML (Gephi, yEd) and JSON with its insights. A graph
 * of more than {@link #MAX_TRANSITIONS} transitions (a log whose paths carry ids) is drawn with the ones of
 * most passages only, and each file says what was left out; {@code transitions.csv} holds them all.
 */
public final class GraphExport {

  /** The most transitions a graph file draws: more than Graphviz lays out, or a person reads, in reasonable time. */
  public static final int MAX_TRANSITIONS = 2_000;

  private final org.jgrapht.Graph<Touchpoint, TransitionEdge> graph;
  private final int rankedWindow;
  private final String rankedWindowLabel;
  private final Map<Touchpoint, String> ids = new HashMap<>();
  private final String omitted;
  private final Map<String, Object> omittedCounts = new LinkedHashMap<>();

  public GraphExport(TransitionGraph graph, int rankedWindow, String rankedWindowLabel) {
    this(graph, rankedWindow, rankedWindowLabel, MAX_TRANSITIONS);
  }

  GraphExport(TransitionGraph full, int rankedWindow, String rankedWindowLabel, int maxTransitions) {
    this.rankedWindow = rankedWindow;
    this.rankedWindowLabel = rankedWindowLabel;
    org.jgrapht.Graph<Touchpoint, TransitionEdge> all = full.graph();
    if (all.edgeSet().size() <= maxTransitions) {
      this.graph = all;
      this.omitted = null;
    } else {
      java.util.List<TransitionEdge> drawn = all.edgeSet().stream()
          .sorted(java.util.Comparator.comparingLong((TransitionEdge e) -> e.transition().passages()).reversed()
              .thenComparing(e -> e.transition().from()).thenComparing(e -> e.transition().to()))
          .limit(maxTransitions).toList();
      java.util.Set<Touchpoint> vertices = new java.util.HashSet<>();
      for (TransitionEdge e : drawn) {
        vertices.add(all.getEdgeSource(e));
        vertices.add(all.getEdgeTarget(e));
      }
      this.graph = new org.jgrapht.graph.AsSubgraph<>(all, vertices, new java.util.HashSet<>(drawn));
      long passages = all.edgeSet().stream().mapToLong(e -> e.transition().passages()).sum()
          - drawn.stream().mapToLong(e -> e.transition().passages()).sum();
      int transitions = all.edgeSet().size() - drawn.size();
      int touchpoints = all.vertexSet().size() - vertices.size();
      omittedCounts.put("transitions", transitions);
      omittedCounts.put("passages", passages);
      omittedCounts.put("touchpoints", touchpoints);
      this.omitted = String.format(java.util.Locale.ROOT, "The %,d transitions with the most passages of %,d are "
          + "drawn; the other %,d (%,d passages, %,d touchpoints seen only there) are in transitions.csv.",
          drawn.size(), all.edgeSet().size(), transitions, passages, touchpoints);
    }
    int next = 0;
    for (Touchpoint v : graph.vertexSet().stream().sorted(java.util.Comparator.comparing(Touchpoint::name)).toList()) {
      ids.put(v, "n" + next++);
    }
  }

  public void write(Path dir, GraphInsights insights) {
    writeDot(dir.resolve("graph.dot"));
    writeGraphMl(dir.resolve("graph.graphml"));
    writeJson(dir.resolve("graph.json"), insights);
  }

  private Map<String, Attribute> vertexAttributes(Touchpoint v, Format format) {
    Map<String, Attribute> a = new LinkedHashMap<>();
    a.put("label", DefaultAttribute.createAttribute(format.text(v.name())));
    if (v.isVirtual()) {
      a.put("shape", DefaultAttribute.createAttribute("circle"));
    }
    return a;
  }

  private Map<String, Attribute> edgeAttributes(TransitionEdge e, boolean forDot) {
    Transition t = e.transition();
    Map<String, Attribute> a = new LinkedHashMap<>();
    RateCount drop = t.dropOff();
    RateCount repeat = t.repeatContact().get(rankedWindow);
    if (forDot) {
      StringBuilder label = new StringBuilder().append(t.passages());
      if (drop != null && drop.rate() != null) {
        label.append(String.format(java.util.Locale.ROOT, "\\ndrop %.0f%%", 100 * drop.rate()));
      }
      if (repeat.rate() != null) {
        label.append(String.format(java.util.Locale.ROOT, "\\nrepeat %.0f%%", 100 * repeat.rate()));
      }
      a.put("label", DefaultAttribute.createAttribute(label.toString()));
      return a;
    }
    a.put(OutputSchema.PASSAGES, DefaultAttribute.createAttribute(t.passages()));
    a.put(OutputSchema.JOURNEYS, DefaultAttribute.createAttribute(t.journeys()));
    putDouble(a, OutputSchema.MEAN_GAP_SECONDS, t.meanGapSeconds());
    putDouble(a, OutputSchema.HANDOFF_SHARE, t.handoffShare());
    putDouble(a, Rate.DROP_OFF.rate(), drop == null ? null : drop.rate());
    putDouble(a, Rate.DROP_OFF.lower(), drop == null ? null : drop.lower());
    putDouble(a, Rate.repeatContact(rankedWindowLabel).rate(), repeat.rate());
    putDouble(a, Rate.repeatContact(rankedWindowLabel).lower(), repeat.lower());
    return a;
  }

  private static void putDouble(Map<String, Attribute> a, String key, Double value) {
    if (value != null) {
      a.put(key, DefaultAttribute.createAttribute(value));
    }
  }

  private void writeDot(Path file) {
    DOTExporter<Touchpoint, TransitionEdge> dot = new DOTExporter<>(ids::get);
    dot.setGraphIdProvider(() -> "journeys");
    dot.setVertexAttributeProvider(v -> vertexAttributes(v, Format.DOT));
    dot.setEdgeAttributeProvider(e -> edgeAttributes(e, true));
    write(file, w -> dot.exportGraph(graph, omitted == null ? w : new LeadingLine(w, "// " + omitted)));
  }

  private void writeGraphMl(Path file) {
    GraphMLExporter<Touchpoint, TransitionEdge> graphMl = new GraphMLExporter<>(ids::get);
    graphMl.setVertexAttributeProvider(v -> vertexAttributes(v, Format.XML));
    graphMl.setEdgeAttributeProvider(e -> edgeAttributes(e, false));
    graphMl.registerAttribute("label", GraphMLExporter.AttributeCategory.NODE, AttributeType.STRING);
    graphMl.registerAttribute("shape", GraphMLExporter.AttributeCategory.NODE, AttributeType.STRING);
    graphMl.registerAttribute(OutputSchema.PASSAGES, GraphMLExporter.AttributeCategory.EDGE, AttributeType.LONG);
    graphMl.registerAttribute(OutputSchema.JOURNEYS, GraphMLExporter.AttributeCategory.EDGE, AttributeType.LONG);
    Rate repeatRate = Rate.repeatContact(rankedWindowLabel);
    for (String key : new String[] {OutputSchema.MEAN_GAP_SECONDS, OutputSchema.HANDOFF_SHARE,
        Rate.DROP_OFF.rate(), Rate.DROP_OFF.lower(), repeatRate.rate(), repeatRate.lower()}) {
      graphMl.registerAttribute(key, GraphMLExporter.AttributeCategory.EDGE, AttributeType.DOUBLE);
    }
    write(file, w -> graphMl.exportGraph(graph, omitted == null ? w
        : new LeadingLine(w, "<!-- " + omitted.replace("--", "- -") + " -->")));
  }

  private void writeJson(Path file, GraphInsights insights) {
    JSONExporter<Touchpoint, TransitionEdge> json = new JSONExporter<>(ids::get);
    json.setVertexAttributeProvider(v -> vertexAttributes(v, Format.JSON));
    json.setEdgeAttributeProvider(e -> edgeAttributes(e, false));
    StringWriter buffer = new StringWriter();
    json.exportGraph(graph, buffer);
    try {
      ObjectMapper mapper = new ObjectMapper();
      ObjectNode root = (ObjectNode) mapper.readTree(buffer.toString());
      root.set("insights", mapper.valueToTree(insights));
      if (omitted != null) {
        root.set("omitted", mapper.valueToTree(omittedCounts));
      }
      Files.writeString(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * What a name must become to be read back as itself (or as near as the format allows) after the exporter's
   * own quoting: JGraphT escapes quotes in DOT and markup in GraphML and JSON, but not a DOT backslash (a name
   * ending in one would close the quoted string) nor the control characters that XML 1.0 cannot hold.
   */
  enum Format {
    DOT, XML, JSON;

    String text(String name) {
      if (this == JSON || name.chars().allMatch(c -> c >= 0x20 && c != '\\' && !Character.isSurrogate((char) c))) {
        return name;
      }
      StringBuilder out = new StringBuilder(name.length() + 8);
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
          out.append(c).append(name.charAt(++i));
        } else if (Character.isSurrogate(c)) {
          out.append('\uFFFD'); // half a character: no format can hold it
        } else if (this == DOT && c == '\\') {
          out.append("\\\\");
        } else if (this == DOT && c == '\n') {
          out.append("\\n"); // Graphviz's line break
        } else if (c == '\t' || c == '\n' || c == '\r') {
          out.append(this == DOT ? ' ' : c);
        } else if (c < 0x20) {
          out.append('\uFFFD'); // a control character: XML 1.0 forbids it, Graphviz would print it raw
        } else {
          out.append(c);
        }
      }
      return out.toString();
    }
  }

  /** Writes {@code line} after the first line the exporter writes (the DOT header, the XML declaration). */
  private static final class LeadingLine extends java.io.FilterWriter {
    private final String line;
    private boolean written;

    LeadingLine(Writer out, String line) {
      super(out);
      this.line = line;
    }

    @Override
    public void write(int c) throws IOException {
      super.write(c);
      if (!written && c == '\n') {
        written = true;
        out.write(line + "\n");
      }
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
      for (int i = off; i < off + len; i++) {
        write(buf[i]);
      }
    }

    @Override
    public void write(String str, int off, int len) throws IOException {
      for (int i = off; i < off + len; i++) {
        write(str.charAt(i));
      }
    }
  }

  private interface Export {
    void to(Writer writer) throws IOException;
  }

  private static void write(Path file, Export export) {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      export.to(w);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
