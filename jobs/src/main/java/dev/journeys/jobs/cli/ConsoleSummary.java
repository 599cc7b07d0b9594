package dev.journeys.jobs.cli;

import dev.journeys.jobs.run.RunResult;
import dev.journeys.model.graph.GraphInsights;
import dev.journeys.model.transition.RankedTransition;
import dev.journeys.model.transition.RepeatContact;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Prints the end of a run: the top transitions by drop-off and by repeat contact, the graph's answers, where outputs are. */
public final class ConsoleSummary {

  private ConsoleSummary() {}

  public static void print(PrintStream out, RunResult result, String windowLabel, int top, Path dir) {
    out.println();
    boolean judged = result.transitions().transitions().stream().anyMatch(t -> t.dropOff() != null);
    if (result.dropOffRanking().isEmpty() && !judged) {
      out.println("Drop-off: not judged — no goal configured (--goal TOUCHPOINT).");
    } else {
      table(out, "Top transitions by drop-off", result.dropOffRanking(), top);
    }
    if (result.transitions().transitions().stream().allMatch(t -> t.repeatContact().stream().allMatch(r -> r.hits() == 0))) {
      out.println("Repeat contact: none found — no assisted event follows another within a window. Mark assisted "
          + "events with --assisted-column, or name their channels with --assisted-channels.");
    } else {
      table(out, "Top transitions by repeat contact within " + windowLabel, result.repeatRanking(), top);
    }
    if (!result.transitions().stagePassages().isEmpty()) {
      table(out, "Worst stage hand-offs by stall (the journey the customer moved into dropped)", result.stallRanking(),
          top);
    }
    contacts(out, result.repeatContacts(), result.rankedWindow(), windowLabel, top);
    if (result.segments() != null) {
      segments(out, result.segments(), top);
    }
    if (result.paths() != null) {
      paths(out, result.paths());
    }
    GraphInsights insights = result.insights();
    out.println();
    if (insights.commonPath() != null) {
      out.printf(Locale.ROOT, "Most likely path (p=%.3f): %s%n", insights.commonPath().probability(),
          String.join(" → ", insights.commonPath().touchpoints()));
    }
    if (insights.loops().isEmpty()) {
      out.println("Loops: none");
    } else {
      for (GraphInsights.Loop loop : insights.loops().stream().limit(3).toList()) {
        out.printf(Locale.ROOT, "Loop (%,d passages): %s%n", loop.passages(), String.join(", ", loop.touchpoints()));
      }
    }
    out.print("Touchpoints most journeys pass through: ");
    out.println(String.join(", ", insights.busiestTouchpoints().stream().limit(5)
        .map(r -> String.format(Locale.ROOT, "%s (%.0f%%)", r.touchpoint(), 100 * r.journeyShare())).toList()));
    if (result.ingest().stitching() != null) {
      var s = result.ingest().stitching();
      Object shared = s.report().get("shared_keys");
      out.printf(Locale.ROOT, "Stitching: %,d customers from %,d identity keys; %,d records without a customer "
          + "(unattributed.csv); %d shared keys not used; %,d duplicates dropped (stitching.json)%n", s.customers(),
          s.identityKeys(), s.unattributed(), shared instanceof List<?> l ? l.size() : 0, s.duplicates());
      long unreadable = s.unreadablePhonesInAll();
      if (unreadable > 0) {
        out.printf(Locale.ROOT, "Phone numbers: %,d could not be read and link nobody (per source in stitching.json; "
            + "numbers without their country code need identity.default-region, e.g. GB)%n", unreadable);
      }
    }
    out.println();
    out.println("Outputs in " + dir + ":");
    out.println("  report.html, transitions.csv, handoffs.csv, variants.csv, quarantine.csv, graph.dot, graph.graphml, "
        + "graph.json, manifest.json"
        + (result.ingest().stitching() != null ? ", stitching.json, unattributed.csv" : "")
        + (result.transitions().stagePassages().isEmpty() ? "" : ", stages.csv") + ", repeat_contacts.csv"
        + (judged ? ", conversion_times.csv" : "") + (result.segments() != null ? ", segment_changes.csv" : "")
        + (result.paths() != null ? ", paths.csv" : ""));
    if (result.segments() != null) {
      out.println("  Per segment: segments/VALUE/*.csv; Parquet segments/TABLE/ with a segment column");
    }
    out.println("  Parquet: events/, journeys/, variants/, transitions/, handoffs/, quarantine/"
        + (result.ingest().stitching() != null ? ", unattributed/" : "")
        + (result.transitions().stagePassages().isEmpty() ? "" : ", stages/") + ", repeat_contacts/"
        + (judged ? ", conversion_times/" : ""));
  }

  /**
   * The contacts of the ranked window that most often bring the customer back (the next contact within the window),
   * each with the repeat that follows it most often, after how long, and what lay between.
   */
  private static void contacts(PrintStream out, List<RepeatContact> rows, int window, String windowLabel, int top) {
    if (rows.stream().noneMatch(r -> r.repeats() > 0)) {
      return;
    }
    out.println("Contacts that bring customers back within " + windowLabel
        + " (repeat_contacts.csv: the customer's next contact comes within the window):");
    List<RepeatContact> ranked = rows.stream()
        .filter(r -> r.isTotal() && r.rank() != null && r.window() == window)
        .limit(top).toList();
    if (ranked.isEmpty()) {
      out.println("  (no contact has enough contacts counted; see --min-passages)");
      return;
    }
    out.printf(Locale.ROOT, "  %4s  %-40s %7s  %-17s %10s  %s%n", "rank", "contact", "rate", "95% interval", "contacts",
        "most often followed by");
    for (RepeatContact r : ranked) {
      RepeatContact next = rows.stream()
          .filter(p -> !p.isTotal() && p.window() == r.window() && p.trigger().equals(r.trigger()))
          .findFirst().orElse(null);
      String followed = next == null ? "" : String.format(Locale.ROOT, "%s (%,d, median %s%s)", next.repeat(),
          next.repeats(), approximate(next.medianSecondsToRepeat()),
          next.stepsBetween().isEmpty() ? ", nothing between" : ", between: " + String.join(" → ", next.stepsBetween()));
      out.printf(Locale.ROOT, "  %4d  %-40s %6.1f%%  [%5.1f%%, %5.1f%%] %10d  %s%n", r.rank(), shorten(r.trigger(), 40),
          100 * r.rate().rate(), 100 * r.rate().lower(), 100 * r.rate().upper(), r.contacts(), followed);
    }
  }

  /**
   * The segments with their customers, and the rates of the two compared that differ beyond noise, most significant
   * first, each with both rates and the difference's interval.
   */
  private static void segments(PrintStream out, dev.journeys.jobs.run.SegmentTables.Result segments, int top) {
    out.println("Segments by " + segments.attribute() + ": " + String.join(", ", segments.sizes().entrySet().stream()
        .limit(8).map(e -> String.format(Locale.ROOT, "%s (%,d customers)", e.getKey(), e.getValue()[0])).toList())
        + (segments.sizes().size() > 8 ? ", … (" + segments.sizes().size() + " in all)" : ""));
    if (segments.compared().isEmpty()) {
      out.println("  (fewer than two segments with customers: nothing compared)");
      return;
    }
    String a = segments.compared().get(0);
    String b = segments.compared().get(1);
    out.printf(Locale.ROOT, "%s against %s (segment_changes.csv): %,d of %,d rates differ beyond noise (q < 0.05)%s%n",
        a, b, segments.significant().size(), segments.tested(), segments.significant().isEmpty() ? "." : ":");
    if (segments.significant().isEmpty()) {
      return;
    }
    out.printf(Locale.ROOT, "  %-50s %-20s %8s %8s  %-24s %9s%n", "transition", "rate", a.length() > 8
        ? a.substring(0, 7) + "…" : a, b.length() > 8 ? b.substring(0, 7) + "…" : b, "difference (95% interval)", "q");
    for (dev.journeys.jobs.run.SegmentTables.Change c : segments.significant().stream().limit(top).toList()) {
      var d = c.difference();
      out.printf(Locale.ROOT, "  %-50s %-20s %7.1f%% %7.1f%%  %+6.1f [%+6.1f, %+6.1f] pts %9.1e%n",
          shorten(c.from() + " → " + c.to(), 50), c.rate(), 100 * d.a().rate(), 100 * d.b().rate(),
          100 * d.difference(), 100 * d.lower(), 100 * d.upper(), c.q());
    }
  }

  /** The three most common paths before and after the touchpoint, and what the journeys that dropped did last. */
  private static void paths(PrintStream out, dev.journeys.model.path.PathsAround paths) {
    out.printf(Locale.ROOT, "Paths around %s (paths.csv): %,d journeys pass it%n", paths.around(), paths.journeys());
    if (paths.journeys() == 0) {
      return;
    }
    long dropped = paths.byFate()[dev.journeys.model.journey.Fate.DROPPED.ordinal()];
    for (var side : dev.journeys.model.path.PathsAround.Side.values()) {
      long of = side == dev.journeys.model.path.PathsAround.Side.DROPPED_LAST ? dropped : paths.journeys();
      if (of == 0) {
        continue;
      }
      out.println(switch (side) {
        case BEFORE -> "  most often before:";
        case AFTER -> "  most often after:";
        case DROPPED_LAST -> "  the journeys that dropped did last:";
      });
      for (var p : paths.top(side, 3)) {
        if (!p.isOther()) {
          out.printf(Locale.ROOT, "    %5.1f%%  %s%n", 100.0 * p.journeys() / of, String.join(" → ", p.steps()));
        }
      }
    }
  }

  /** A time in its two largest units: 2d 4h, 3h 20m, 12m 5s, 40s. */
  static String approximate(double seconds) {
    long s = Math.round(seconds);
    long[] sizes = {86_400, 3_600, 60, 1};
    String[] units = {"d", "h", "m", "s"};
    for (int u = 0; u < sizes.length - 1; u++) {
      if (s >= sizes[u]) {
        long rest = (s % sizes[u]) / sizes[u + 1];
        return s / sizes[u] + units[u] + (rest == 0 ? "" : " " + rest + units[u + 1]);
      }
    }
    return s + "s";
  }

  private static String shorten(String name, int width) {
    return name.length() > width ? name.substring(0, width - 1) + "…" : name;
  }

  private static void table(PrintStream out, String title, List<RankedTransition> ranked, int top) {
    out.println(title + ":");
    if (ranked.isEmpty()) {
      out.println("  (no transition has enough passages; see --min-passages)");
      return;
    }
    // "counted": the rate's denominator (passages in decided journeys, or whose window ended by the cut-off).
    out.printf(Locale.ROOT, "  %4s  %-60s %7s  %-17s %10s %10s%n", "rank", "transition", "rate", "95% interval", "counted",
        "passages");
    for (RankedTransition r : ranked.stream().limit(top).toList()) {
      String name = r.transition().from() + " → " + r.transition().to();
      if (name.length() > 60) {
        name = name.substring(0, 59) + "…";
      }
      out.printf(Locale.ROOT, "  %4d  %-60s %6.1f%%  [%5.1f%%, %5.1f%%] %10d %10d%n", r.rank(), name,
          100 * r.rate().rate(), 100 * r.rate().lower(), 100 * r.rate().upper(), r.rate().total(),
          r.transition().passages());
    }
  }
}
