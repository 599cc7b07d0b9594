package dev.journeys.jobs.io;

import dev.journeys.model.metric.GapBuckets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One row of a transition table as the run wrote it ({@code transitions/}, or {@code handoffs/} whose ends are
 * owners): the passage's counts and gaps, every rate by its {@link Rate#label() label}, its ranks (null when
 * unranked) and its gaps per {@link GapBuckets} bucket (null in tables written before they were). What the report
 * and the run-over-run comparison read.
 */
public record TransitionRecord(String from, String to, long passages, long customers, Double medianGapSeconds,
    Double handoffShare, Map<String, RateValue> rates, Integer dropOffRank, Integer repeatContactRank,
    long[] gapBuckets) {

  /** A rate's value, its 95% interval, its denominator (passages decided) and numerator; null parts when undecided. */
  public record RateValue(Double rate, Double lower, Double upper, Long decided, Long hits) {}

  /** The value of {@code rate}, or one of nulls when the table has no such rate. */
  public RateValue rate(Rate rate) {
    return rates.getOrDefault(rate.label(), new RateValue(null, null, null, null, null));
  }

  /** Streams the rows of the transition table in {@code dir}, with the rates its columns hold. */
  public static void forEach(Path dir, Consumer<TransitionRecord> rows) {
    forEach(dir, rate -> true, rows);
  }

  /** As above, reading only the rates {@code wanted} accepts (by label): a table has a rate per window. */
  public static void forEach(Path dir, Predicate<String> wanted, Consumer<TransitionRecord> rows) {
    Map<org.apache.parquet.schema.GroupType, List<Rate>> rates = new java.util.IdentityHashMap<>();
    Predicate<String> columns = column -> {
      Rate rate = Rate.ofColumn(column);
      return rate == null || wanted.test(rate.label());
    };
    TableReader.forEach(dir, columns, row -> rows.accept(of(row, rates.computeIfAbsent(row.group().getType(),
        type -> Rate.inColumns(type.getFields().stream().map(org.apache.parquet.schema.Type::getName).toList())))));
  }

  /** Every row of the transition table in {@code dir}. */
  public static List<TransitionRecord> read(Path dir) {
    List<TransitionRecord> all = new ArrayList<>();
    forEach(dir, all::add);
    return all;
  }

  private static TransitionRecord of(TableReader.TableRow row, List<Rate> rates) {
    boolean owners = !row.group().getType().containsField(OutputSchema.FROM);
    Map<String, RateValue> values = new LinkedHashMap<>();
    for (Rate r : rates) {
      values.put(r.label(), new RateValue(row.doubleValue(r.rate()), row.doubleValue(r.lower()),
          row.doubleValue(r.upper()), row.longValue(r.decided()), row.longValue(r.hits())));
    }
    return new TransitionRecord(row.string(owners ? OutputSchema.FROM_OWNER : OutputSchema.FROM),
        row.string(owners ? OutputSchema.TO_OWNER : OutputSchema.TO), row.longValue(OutputSchema.PASSAGES),
        row.longValue(OutputSchema.CUSTOMERS), row.doubleValue(OutputSchema.MEDIAN_GAP_SECONDS),
        row.doubleValue(OutputSchema.HANDOFF_SHARE), values, row.intValue(OutputSchema.DROP_OFF_RANK),
        row.intValue(OutputSchema.REPEAT_CONTACT_RANK), gapBuckets(row));
  }

  private static long[] gapBuckets(TableReader.TableRow row) {
    if (!row.group().getType().containsField(OutputSchema.GAPS_PREFIX + GapBuckets.LABELS.get(0))) {
      return null;
    }
    long[] buckets = new long[GapBuckets.COUNT];
    for (int i = 0; i < buckets.length; i++) {
      Long n = row.longValue(OutputSchema.GAPS_PREFIX + GapBuckets.LABELS.get(i));
      buckets[i] = n == null ? 0 : n;
    }
    return buckets;
  }
}
