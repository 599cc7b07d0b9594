package dev.journeys.jobs.io;

import dev.journeys.model.metric.GapBuckets;
import dev.journeys.model.metric.RateCount;
import dev.journeys.model.metric.RepeatWindow;
import dev.journeys.model.transition.RankedTransition;
import dev.journeys.model.transition.Transition;
import dev.journeys.model.transition.TransitionKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Maps transitions to the rows of {@code transitions.csv} and {@code transitions/}: one column list for both. The
 * same columns, named by owners and without ranks, hold the passages between owners ({@code handoffs.csv}).
 */
public final class TransitionRows {

  private final Columns columns = new Columns();
  private final boolean ranked;

  /** The columns of {@code transitions.csv}. */
  public TransitionRows(List<RepeatWindow> windows) {
    this(windows, OutputSchema.FROM, OutputSchema.TO, true);
  }

  /** The columns of {@code handoffs.csv}: {@code from_owner}, {@code to_owner}, no ranks. */
  public static TransitionRows ownerPairs(List<RepeatWindow> windows) {
    return new TransitionRows(windows, OutputSchema.FROM_OWNER, OutputSchema.TO_OWNER, false);
  }

  private TransitionRows(List<RepeatWindow> windows, String from, String to, boolean ranked) {
    this.ranked = ranked;
    add(from, DataTypes.StringType);
    add(to, DataTypes.StringType);
    add(OutputSchema.PASSAGES, DataTypes.LongType);
    add(OutputSchema.JOURNEYS, DataTypes.LongType);
    add(OutputSchema.CUSTOMERS, DataTypes.LongType);
    add(OutputSchema.MEAN_GAP_SECONDS, DataTypes.DoubleType);
    add(OutputSchema.MEDIAN_GAP_SECONDS, DataTypes.DoubleType);
    add(OutputSchema.P90_GAP_SECONDS, DataTypes.DoubleType);
    add(OutputSchema.P99_GAP_SECONDS, DataTypes.DoubleType);
    for (String bucket : GapBuckets.LABELS) {
      add(OutputSchema.GAPS_PREFIX + bucket, DataTypes.LongType);
    }
    add(OutputSchema.HANDOFF_SHARE, DataTypes.DoubleType);
    add(OutputSchema.CHANNEL_SWITCH_SHARE, DataTypes.DoubleType);
    for (Rate rate : Rate.all(windows)) {
      add(rate.rate(), DataTypes.DoubleType);
      add(rate.lower(), DataTypes.DoubleType);
      add(rate.upper(), DataTypes.DoubleType);
      add(rate.decided(), DataTypes.LongType);
      add(rate.hits(), DataTypes.LongType);
    }
    if (ranked) {
      add(OutputSchema.DROP_OFF_RANK, DataTypes.IntegerType);
      add(OutputSchema.REPEAT_CONTACT_RANK, DataTypes.IntegerType);
    }
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

  /** The values of one transition, in header order; ranks from the two ranked tables (null when unranked). */
  public List<Object> values(Transition t, Integer dropOffRank, Integer repeatRank) {
    List<Object> v = new ArrayList<>(columns.size());
    v.add(t.from());
    v.add(t.to());
    v.add(t.passages());
    v.add(t.journeys());
    v.add(t.customers());
    v.add(t.meanGapSeconds());
    v.add(t.medianGapSeconds());
    v.add(t.p90GapSeconds());
    v.add(t.p99GapSeconds());
    for (Long n : t.gapBuckets()) {
      v.add(n);
    }
    v.add(t.handoffShare());
    v.add(t.channelSwitchShare());
    addRate(v, t.dropOff());
    addRate(v, t.eventualDropOff());
    for (RateCount r : t.repeatContact()) {
      addRate(v, r);
    }
    if (ranked) {
      v.add(dropOffRank);
      v.add(repeatRank);
    }
    return v;
  }

  /** A rate's five values (rate, lower, upper, decided, hits), or five nulls. */
  static void addRate(List<Object> v, RateCount r) {
    if (r == null) {
      v.add(null);
      v.add(null);
      v.add(null);
      v.add(null);
      v.add(null);
    } else {
      v.add(r.rate());
      v.add(r.lower());
      v.add(r.upper());
      v.add(r.total());
      v.add(r.hits());
    }
  }

  /** Rows for Spark, with each transition's ranks looked up in the two ranked tables. */
  public List<Row> rows(List<Transition> transitions, List<RankedTransition> dropOff, List<RankedTransition> repeat) {
    Map<TransitionKey, Integer> dropRanks = ranks(dropOff);
    Map<TransitionKey, Integer> repeatRanks = ranks(repeat);
    List<Row> rows = new ArrayList<>(transitions.size());
    for (Transition t : transitions) {
      rows.add(RowFactory.create(values(t, dropRanks.get(t.key()), repeatRanks.get(t.key())).toArray()));
    }
    return rows;
  }

  public static Map<TransitionKey, Integer> ranks(List<RankedTransition> ranked) {
    Map<TransitionKey, Integer> ranks = new HashMap<>();
    for (RankedTransition r : ranked) {
      ranks.put(r.transition().key(), r.rank());
    }
    return ranks;
  }
}
