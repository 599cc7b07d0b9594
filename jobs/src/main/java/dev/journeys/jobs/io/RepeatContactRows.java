package dev.journeys.jobs.io;

import dev.journeys.model.metric.RepeatWindow;
import dev.journeys.model.transition.RepeatContact;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The rows of {@code repeat_contacts.csv} and {@code repeat_contacts/}: which contacts bring customers back. Per
 * window, a trigger's total row (empty {@code repeat}) and a row per repeat touchpoint; {@code contacts} is the
 * trigger's on every row, {@code steps_between} the most common touchpoints between joined with {@value #STEP}.
 */
public final class RepeatContactRows {

  public static final String FILE = "repeat_contacts.csv";
  public static final String DIR = "repeat_contacts";
  /** Joins the steps between a contact and its repeat. */
  public static final String STEP = " → ";

  private final Columns columns = new Columns();
  private final List<RepeatWindow> windows;

  public RepeatContactRows(List<RepeatWindow> windows) {
    this.windows = List.copyOf(windows);
    columns.add("trigger", DataTypes.StringType);
    columns.add("repeat", DataTypes.StringType);
    columns.add("window", DataTypes.StringType);
    columns.add("contacts", DataTypes.LongType);
    columns.add("repeats", DataTypes.LongType);
    columns.add("rate", DataTypes.DoubleType);
    columns.add("lower", DataTypes.DoubleType);
    columns.add("upper", DataTypes.DoubleType);
    columns.add("median_seconds_to_repeat", DataTypes.DoubleType);
    columns.add("trigger_owner", DataTypes.StringType);
    columns.add("repeat_owner", DataTypes.StringType);
    columns.add("steps_between", DataTypes.StringType);
    columns.add("rank", DataTypes.IntegerType);
  }

  public List<String> header() {
    return columns.header();
  }

  public StructType schema() {
    return columns.schema();
  }

  /** One row per {@link RepeatContact}, in the table's order. */
  public List<Row> rows(List<RepeatContact> contacts) {
    List<Row> rows = new ArrayList<>(contacts.size());
    for (RepeatContact c : contacts) {
      rows.add(RowFactory.create(c.trigger(), c.repeat(), windows.get(c.window()).label(), c.contacts(), c.repeats(),
          c.rate().rate(), c.rate().lower(), c.rate().upper(), c.medianSecondsToRepeat(), c.triggerOwner(),
          c.repeatOwner(), c.stepsBetween() == null ? null : String.join(STEP, c.stepsBetween()), c.rank()));
    }
    return rows;
  }
}
