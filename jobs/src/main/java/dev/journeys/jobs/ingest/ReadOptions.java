package dev.journeys.jobs.ingest;

import dev.journeys.jobs.ingest.text.Timestamps;
import java.io.Serializable;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;

/**
 * Read options map a source's records onto the unified event: which column (or XES attribute) holds
 * the case, the customer, the activity and the time, and how channel, owner and assisted are found.
 *
 * @param caseColumn        case id column (XES: the trace's concept:name)
 * @param activityColumn    activity column; its value is the touchpoint (XES: concept:name)
 * @param timestampColumn   time column (XES: time:timestamp)
 * @param customerColumn    customer column, or null: the case is the customer
 * @param channelColumn     channel column, or null: the touchpoint's prefix before ':'
 * @param ownerColumn       owner column, or null: unknown
 * @param assistedColumn    assisted column (true/false, yes/no, 1/0), or null: by channel
 * @param assistedChannels  channels whose events count as assisted when there is no assisted column
 * @param lifecycle         keep only XES events with this lifecycle:transition, or null for all
 * @param zone              the zone of timestamps without an offset
 * @param delimiter         the CSV field delimiter
 * @param timestampFormat   a java.time pattern for timestamps (e.g. dd/MM/yyyy HH:mm), or null for ISO-8601
 *                          and epoch seconds, milliseconds or microseconds
 * @param attributeColumns  columns (XES: event attributes) kept as the events' attributes, by their names; a Parquet
 *                          input also keeps its own {@code attributes} map column
 */
public record ReadOptions(
    String caseColumn,
    String activityColumn,
    String timestampColumn,
    String customerColumn,
    String channelColumn,
    String ownerColumn,
    String assistedColumn,
    Set<String> assistedChannels,
    String lifecycle,
    ZoneId zone,
    char delimiter,
    String timestampFormat,
    java.util.List<String> attributeColumns) implements Serializable {

  public static final String CASE_COLUMN_DEFAULT = "case_id";
  public static final String ACTIVITY_COLUMN_DEFAULT = "activity";
  public static final String TIMESTAMP_COLUMN_DEFAULT = "timestamp";
  /** The channels whose events are assisted contacts when nothing says otherwise, as the command line writes them. */
  public static final String ASSISTED_CHANNELS_DEFAULT_TEXT = "phone,call,chat,email,branch";
  public static final Set<String> ASSISTED_CHANNELS_DEFAULT = Set.of(ASSISTED_CHANNELS_DEFAULT_TEXT.split(","));

  public ReadOptions {
    assistedChannels = Set.copyOf(assistedChannels);
    attributeColumns = java.util.List.copyOf(attributeColumns);
    if (timestampFormat != null) {
      Timestamps.formatter(timestampFormat); // fails early, naming the pattern
    }
  }

  /** Options that keep no attributes. */
  public ReadOptions(String caseColumn, String activityColumn, String timestampColumn, String customerColumn,
      String channelColumn, String ownerColumn, String assistedColumn, Set<String> assistedChannels, String lifecycle,
      ZoneId zone, char delimiter, String timestampFormat) {
    this(caseColumn, activityColumn, timestampColumn, customerColumn, channelColumn, ownerColumn, assistedColumn,
        assistedChannels, lifecycle, zone, delimiter, timestampFormat, java.util.List.of());
  }

  /** The same options keeping the attribute columns {@code columns}. */
  public ReadOptions withAttributeColumns(java.util.List<String> columns) {
    return new ReadOptions(caseColumn, activityColumn, timestampColumn, customerColumn, channelColumn, ownerColumn,
        assistedColumn, assistedChannels, lifecycle, zone, delimiter, timestampFormat, columns);
  }

  public static ReadOptions defaults() {
    return new ReadOptions(CASE_COLUMN_DEFAULT, ACTIVITY_COLUMN_DEFAULT, TIMESTAMP_COLUMN_DEFAULT, null, null, null,
        null, ASSISTED_CHANNELS_DEFAULT, null, ZoneId.of("UTC"), ',', null);
  }

  /** Whether an event on {@code channel} counts as assisted, when no assisted column says so. */
  public boolean isAssistedChannel(String channel) {
    return channel != null && assistedChannels.contains(channel.toLowerCase(Locale.ROOT));
  }
}
