package dev.journeys.model.graph;

import dev.journeys.model.event.Touchpoint;
import dev.journeys.model.transition.TouchpointStats;
import dev.journeys.model.transition.Transition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.GraphPath;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.alg.shortestpath.DijkstraShortestPath;
import org.jgrapht.graph.AsWeightedGraph;
import org.jgrapht.graph.builder.GraphTypeBuilder;

/**
 * The transition graph has touchpoints (plus START and END) as vertices and transitions as edges
 * weighted by passages; it is built on the driver from the transitions table.
 */
public final class TransitionGraph {

  private final Graph<Touchpoint, TransitionEdge> graph;

  private TransitionGraph(Graph<Touchpoint, TransitionEdge> graph) {
    this.graph = graph;
  }

  public static TransitionGraph of(List<Transition> transitions) {
    Graph<Touchpoint, TransitionEdge> graph = GraphTypeBuilder.<Touchpoint, TransitionEdge>directed()
        .weighted(true).allowingSelfLoops(true).allowingMultipleEdges(false).buildGraph();
    for (Transition t : transitions) {
      Touchpoint from = new Touchpoint(t.from());
      Touchpoint to = new Touchpoint(t.to());
      graph.addVertex(from);
      graph.addVertex(to);
      TransitionEdge edge = new TransitionEdge(t);
      graph.addEdge(from, to, edge);
      graph.setEdgeWeight(edge, t.passages());
    }
    return new TransitionGraph(graph);
  }

  /** The graph itself, read-only by convention, for exporters. */
  public Graph<Touchpoint, TransitionEdge> graph() {
    return graph;
  }

  public List<Transition> topTransitionsFrom(String touchpoint, int n) {
    Touchpoint vertex = new Touchpoint(touchpoint);
    if (!graph.containsVertex(vertex)) {
      return List.of();
    }
    return graph.outgoingEdgesOf(vertex).stream()
        .map(TransitionEdge::transition)
        .sorted(Comparator.comparingLong(Transition::passages).reversed().thenComparing(Transition::to))
        .limit(n)
        .toList();
  }

  /** The most likely path from START to END, or null when END cannot be reached. */
  public GraphInsights.CommonPath commonPath() {
    if (!graph.containsVertex(Touchpoint.START) || !graph.containsVertex(Touchpoint.END)) {
      return null;
    }
    Map<Touchpoint, Long> outgoing = new HashMap<>();
    for (Touchpoint v : graph.vertexSet()) {
      outgoing.put(v, graph.outgoingEdgesOf(v).stream().mapToLong(e -> e.transition().passages()).sum());
    }
    Graph<Touchpoint, TransitionEdge> negLogProbability = new AsWeightedGraph<>(graph,
        e -> -Math.log((double) e.transition().passages() / outgoing.get(graph.getEdgeSource(e))), true, false);
    GraphPath<Touchpoint, TransitionEdge> path =
        new DijkstraShortestPath<>(negLogProbability).getPath(Touchpoint.START, Touchpoint.END);
    if (path == null) {
      return null;
    }
    List<String> names = path.getVertexList().stream().map(Touchpoint::name).toList();
    return new GraphInsights.CommonPath(names, Math.exp(-path.getWeight()));
  }

  /** Strongly connected sets of more than one touchpoint, most passages inside first. */
  public List<GraphInsights.Loop> loops() {
    List<GraphInsights.Loop> loops = new ArrayList<>();
    for (Set<Touchpoint> component : new KosarajuStrongConnectivityInspector<>(graph).stronglyConnectedSets()) {
      if (component.size() < 2) {
        continue;
      }
      long passages = 0;
      for (TransitionEdge e : graph.edgeSet()) {
        if (component.contains(graph.getEdgeSource(e)) && component.contains(graph.getEdgeTarget(e))) {
          passages += e.transition().passages();
        }
      }
      List<String> names = component.stream().map(Touchpoint::name).sorted().toList();
      loops.add(new GraphInsights.Loop(names, passages));
    }
    loops.sort(Comparator.comparingLong(GraphInsights.Loop::passages).reversed()
        .thenComparing(l -> String.join(",", l.touchpoints())));
    return loops;
  }

  /** The touchpoints most journeys pass through, from the kernel's per-touchpoint counts. */
  public static List<GraphInsights.Reach> busiestTouchpoints(Map<String, TouchpointStats> touchpoints,
      long totalJourneys, int n) {
    return touchpoints.entrySet().stream()
        .sorted(Comparator.comparingLong((Map.Entry<String, TouchpointStats> e) -> e.getValue().journeys()).reversed()
            .thenComparing(Map.Entry::getKey))
        .limit(n)
        .map(e -> new GraphInsights.Reach(e.getKey(), e.getValue().journeys(),
            totalJourneys == 0 ? 0 : (double) e.getValue().journeys() / totalJourneys, e.getValue().customers()))
        .toList();
  }

  public GraphInsights insights(Map<String, TouchpointStats> touchpoints, long totalJourneys, int n) {
    return new GraphInsights(commonPath(), loops(), busiestTouchpoints(touchpoints, totalJourneys, n));
  }
}
