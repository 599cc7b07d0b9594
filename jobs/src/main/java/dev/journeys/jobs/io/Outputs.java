package dev.journeys.jobs.io;

import dev.journeys.model.metric.RepeatWindow;
import dev.journeys.model.transition.ConversionTimes;
import dev.journeys.model.transition.RankedTransition;
import dev.journeys.model.transition.RepeatContact;
import dev.journeys.model.transition.Transition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;

/** The files of one output folder, and the CSV exports written beside the Parquet tables. */
public final class Outputs {

  public static final String HANDOFFS = "handoffs.csv";

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
      Files.deleteIfExists(dir.resolve(RunManifest.FILE));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write to " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Writes {@code quarantine.csv} from rows of {@link OutputSchema#QUARANTINE_CSV}, already by file and line. */
  public void writeQuarantineCsv(Iterator<Row> rows) {
    try (Csv csv = Csv.create(dir.resolve("quarantine.csv"), OutputSchema.QUARANTINE_CSV)) {
      rows.forEachRemaining(r -> csv.row(values(r)));
    }
  }

  /** Writes {@code unattributed.csv}: raw records given to no customer, as {@code source, file, line, reason}. */
  public void writeUnattributedCsv(Iterator<Row> rows) {
    try (Csv csv = Csv.create(dir.resolve("unattributed.csv"), OutputSchema.UNATTRIBUTED_CSV)) {
      rows.forEachRemaining(r -> csv.row(values(r)));
    }
  }

  /** Writes {@code variants.csv} from rows already in rank order; returns the number of variants. */
  public long writeVariantsCsv(List<Row> rows) {
    try (Csv csv = Csv.create(dir.resolve("variants.csv"), List.of(OutputSchema.VARIANT.fieldNames()))) {
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

  /** Writes {@code stages.csv} and returns its rows, for the {@code stages/} table. */
  public List<Row> writeStages(StageRows rows, List<Transition> passages, List<RankedTransition> byStall) {
    List<Row> data = rows.rows(passages, byStall);
    try (Csv csv = Csv.create(dir.resolve("stages.csv"), rows.header())) {
      data.forEach(r -> csv.row(values(r)));
    }
    return data;
  }

  /** Writes {@code conversion_times.csv} and returns its rows, for the {@code conversion_times/} table. */
  public List<Row> writeConversionTimes(ConversionRows rows, java.util.Map<String, ConversionTimes> byGoal) {
    List<Row> data = rows.rows(byGoal);
    try (Csv csv = Csv.create(dir.resolve(ConversionRows.FILE), rows.header())) {
      data.forEach(r -> csv.row(values(r)));
    }
    return data;
  }

  /** Writes {@code paths.csv} from its rows; returns them, for the {@code paths/} table. */
  public List<Row> writePaths(List<Row> rows) {
    try (Csv csv = Csv.create(dir.resolve(PathRows.FILE), PathRows.COLUMNS)) {
      rows.forEach(r -> csv.row(values(r)));
    }
    return rows;
  }

  /** Writes {@code repeat_contacts.csv} and returns its rows, for the {@code repeat_contacts/} table. */
  public List<Row> writeRepeatContacts(RepeatContactRows rows, List<RepeatContact> contacts) {
    List<Row> data = rows.rows(contacts);
    try (Csv csv = Csv.create(dir.resolve(RepeatContactRows.FILE), rows.header())) {
      data.forEach(r -> csv.row(values(r)));
    }
    return data;
  }

  /**
   * {@code handoffs.csv}: the passages between owners, one row per pair of owners, most passages first; returns its
   * rows, for the {@code handoffs/} table.
   */
  public List<Row> writeOwnerPairs(List<RepeatWindow> windows, List<Transition> ownerPairs) {
    TransitionRows rows = TransitionRows.ownerPairs(windows);
    List<Row> data = new ArrayList<>(ownerPairs.size());
    try (Csv csv = Csv.create(dir.resolve(HANDOFFS), rows.header())) {
      for (Transition t : ownerPairs) {
        List<Object> values = rows.values(t, null, null);
        csv.row(values);
        data.add(org.apache.spark.sql.RowFactory.create(values.toArray()));
      }
    }
    return data;
  }

  private static List<Object> values(Row r) {
    List<Object> v = new ArrayList<>(r.size());
    for (int i = 0; i < r.size(); i++) {
      v.add(r.get(i));
    }
    return v;
  }
}
