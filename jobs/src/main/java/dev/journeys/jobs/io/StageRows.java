package dev.journeys.jobs.io;

import dev.journeys.model.metric.RepeatWindow;
import dev.journeys.model.transition.RankedTransition;
import dev.journeys.model.transition.Transition;
import dev.journeys.model.transition.TransitionKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The rows of {@code stages.csv} and {@code stages/}: the passages between stages of a run with stages, one column
 * list for both: {@code from_stage, to_stage, passages, customers, median_gap_seconds, p90_gap_seconds}, the stall
 * rate's five columns, each repeat-contact window's five, and {@code stall_rank}.
 */
public final class StageRows {

  public static final String FROM_STAGE = "from_stage";
  public static final String TO_STAGE = "to_stage";
  public static final String STALL_RANK = "stall_rank";
  public static final String FILE = "stages.csv";
  public static final String DIR = "stages";
  /** Of the stage passages whose second event's journey was decided, the share whose journey dropped. */
  public static final Rate STALL = new Rate("stall", null);

  private final Columns columns = new Columns();
  private final List<RepeatWindow> windows;

  public StageRows(List<RepeatWindow> windows) {
    this.windows = List.copyOf(windows);
    add(FROM_STAGE, DataTypes.StringType);
    add(TO_STAGE, DataTypes.StringType);
    add(OutputSchema.PASSAGES, DataTypes.LongType);
    add(OutputSchema.CUSTOMERS, DataTypes.LongType);
    add(OutputSchema.MEDIAN_GAP_SECONDS, DataTypes.DoubleType);
    add(OutputSchema.P90_GAP_SECONDS, DataTypes.DoubleType);
    List<Rate> rates = new ArrayList<>(List.of(STALL));
    windows.forEach(w -> rates.add(Rate.repeatContact(w.label())));
    for (Rate rate : rates) {
      for (String column : rate.columns()) {
        add(column, column.equals(rate.decided()) || column.equals(rate.hits()) ? DataTypes.LongType
            : DataTypes.DoubleType);
      }
    }
    add(STALL_RANK, DataTypes.IntegerType);
  }

  private void add(String name, DataType type) {
    columns.add(name, type);
  }

  public List<String> header() {
    return columns.header();
  }

  public StructType schema() {
    return columns.schema();
  }

  /** One row per stage passage, in the table's order (most passages first), with its stall rank or null. */
  public List<Row> rows(List<Transition> passages, List<RankedTransition> byStall) {
    Map<TransitionKey, Integer> ranks = TransitionRows.ranks(byStall);
    List<Row> rows = new ArrayList<>(passages.size());
    for (Transition t : passages) {
      List<Object> v = new ArrayList<>(columns.size());
      v.add(t.from());
      v.add(t.to());
      v.add(t.passages());
      v.add(t.customers());
      v.add(t.medianGapSeconds());
      v.add(t.p90GapSeconds());
      TransitionRows.addRate(v, t.dropOff());
      for (int w = 0; w < windows.size(); w++) {
        TransitionRows.addRate(v, t.repeatContact().get(w));
      }
      v.add(ranks.get(t.key()));
      rows.add(RowFactory.create(v.toArray()));
    }
    return rows;
  }
}
