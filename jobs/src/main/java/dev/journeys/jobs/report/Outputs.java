package dev.journeys.jobs.report;

import dev.journeys.jobs.io.EventColumns;
import dev.journeys.jobs.transition.TransitionRows;
import dev.journeys.jobs.variant.VariantJob;
import dev.journeys.model.metric.RepeatWindow;
import dev.journeys.model.transition.RankedTransition;
import dev.journeys.model.transition.Transition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The files of one output folder, and the CSV exports written beside the Parquet tables. */
public final class Outputs {

  public static final String MANIFEST = "manifest.json";
  public static final String HANDOFFS = "handoffs.csv";
  private static final List<String> QUARANTINE_COLUMNS =
      List.of(EventColumns.SOURCE, EventColumns.FILE, EventColumns.LINE, EventColumns.REASON, EventColumns.RAW);

  private final Path dir;

  public Outputs(Path dir) {
    this.dir = dir;
  }

  public String dir(String table) {
    return dir.resolve(table).toString();
  }

  /** Removes the manifest first, so a run stopped half-way never looks finished. */
  public static void forgetFinishedRun(Path dir) {
    try {
      Files.createDirectories(dir);
      Files.deleteIfExists(dir.resolve(MANIFEST));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write to " + dir + ": " + e.getMessage(), e);
    }
  }

  public void writeQuarantineCsv(SparkSession spark) {
    try (Csv csv = Csv.create(dir.resolve("quarantine.csv"), QUARANTINE_COLUMNS)) {
      if (Files.isDirectory(dir.resolve("quarantine"))) {
        Iterator<Row> rows = spark.read().parquet(dir("quarantine"))
            .select(QUARANTINE_COLUMNS.stream().map(org.apache.spark.sql.functions::col)
                .toArray(org.apache.spark.sql.Column[]::new))
            .orderBy(EventColumns.FILE, EventColumns.LINE).toLocalIterator();
        rows.forEachRemaining(r -> csv.row(values(r)));
      }
    }
  }

  /** Writes {@code quarantine.csv} from quarantined rows of {@link EventColumns#INGESTED}, already by file and line. */
  public void writeQuarantineCsv(List<Row> quarantined) {
    int[] columns = QUARANTINE_COLUMNS.stream().mapToInt(EventColumns.INGESTED::fieldIndex).toArray();
    try (Csv csv = Csv.create(dir.resolve("quarantine.csv"), QUARANTINE_COLUMNS)) {
      for (Row r : quarantined) {
        List<Object> v = new ArrayList<>(columns.length);
        for (int c : columns) {
          v.add(r.get(c));
        }
        csv.row(v);
      }
    }
  }

  /** Writes {@code variants.csv} from rows already in rank order; returns the number of variants. */
  public long writeVariantsCsv(List<Row> rows) {
    try (Csv csv = Csv.create(dir.resolve("variants.csv"), List.of(VariantJob.COLUMNS))) {
      rows.forEach(r -> csv.row(values(r)));
    }
    return rows.size();
  }

  /** Writes {@code transitions.csv} and returns its rows, for the {@code transitions/} table. */
  public List<Row> writeTransitions(TransitionRows rows, List<Transition> transitions,
      List<RankedTransition> dropOff, List<RankedTransition> repeat) {
    List<Row> data = rows.rows(transitions, dropOff, repeat);
    try (Csv csv = Csv.create(dir.resolve("transitions.csv"), rows.header())) {
      data.forEach(r -> csv.row(values(r)));
    }
    return data;
  }

  /** {@code handoffs.csv}: the passages between owners, one row per pair of owners, most passages first. */
  public void writeOwnerPairs(List<RepeatWindow> windows, List<Transition> ownerPairs) {
    TransitionRows rows = TransitionRows.ownerPairs(windows);
    try (Csv csv = Csv.create(dir.resolve(HANDOFFS), rows.header())) {
      ownerPairs.forEach(t -> csv.row(rows.values(t, null, null)));
    }
  }

  private static List<Object> values(Row r) {
    List<Object> v = new ArrayList<>(r.size());
    for (int i = 0; i < r.size(); i++) {
      v.add(r.get(i));
    }
    return v;
  }
}
