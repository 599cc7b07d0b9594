package dev.journeys.jobs.ingest.raw;

import java.io.InputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The raw source formats read as their vendors document them, each with a preset mapping onto the
 * unified event that a config can override key by key.
 */
public enum RawFormat {
  /**
   * Segment-spec JSON lines: track, page and screen calls are events; identify and alias only link identities. An
   * alias call's {@code previousId} may be a former user id or an anonymous id (Segment allows either): it links as
   * both. A call without {@code type} is quarantined.
   */
  SEGMENT(Reader.JSON, "timestamp", "web:{event,name|page|slug}", "web", "marketing", "false",
      identity("user", List.of("{userId}", "{previousId}"), "anon", List.of("{anonymousId}", "{previousId}"),
          "email", List.of("{traits.email}", "{context.traits.email}"),
          "phone", List.of("{traits.phone}", "{context.traits.phone}")),
      "{messageId}", Map.of("type", "track|page|screen"), Map.of(), false, null, List.of("type"), List.of()),
  /**
   * Apache or nginx combined access logs: a visitor is the client address plus the user agent (with a
   * cookie logged as an extra field, map {@code visitor: "{extra.0,client_agent}"}). Query strings are
   * left out of the touchpoint: they may carry personal data.
   */
  ACCESS_LOG(Reader.ACCESS_LOG, "time", "web:{path_only}", "web", null, "false",
      identity("visitor", "{client_agent}"), null, Map.of(),
      Map.of("path_only", "\\.(css|js|png|jpe?g|gif|ico|svg|webp|woff2?|ttf|map)$",
          "user_agent", "(?i)(bot|crawl|spider|slurp|monitor)"), false, null, List.of(), List.of()),
  /**
   * Amazon Connect contact records: every contact is assisted. The legs of one contact (a transfer, a queued
   * callback) share their initial contact id, the chain key {@code contact}: it links them, but a chain without a
   * customer's phone number is no customer. A record that disconnects before it was initiated is quarantined.
   */
  AMAZON_CONNECT(Reader.JSON, "InitiationTimestamp", "{Channel|contact|lower}:{Queue.Name|no_queue|slug}",
      "{Channel|contact}", null, "true",
      identity("phone", "{CustomerEndpoint.Address}", "contact", "{InitialContactId,ContactId}"), "{ContactId}",
      Map.of(), Map.of(), false, "contact", List.of(), List.of("InitiationTimestamp", "DisconnectTimestamp")),
  /** Salesforce Case export: one event per case, when it was created, by origin (phone, web, e-mail). */
  SALESFORCE_CASE(Reader.CSV, "CreatedDate", "crm:case_{Origin|unknown|slug}", "crm", "support", "true",
      identity("sf_contact", "{ContactId}"), "{Id}", Map.of(), Map.of(), false, null, List.of("CreatedDate"),
      List.of()),
  /** Salesforce Task export (activity history): calls and e-mails logged by staff. */
  SALESFORCE_TASK(Reader.CSV, "CreatedDate", "crm:task_{TaskSubtype,Type,Subject|task|slug}", "crm", "sales", "true",
      identity("sf_contact", "{WhoId}"), "{Id}", Map.of(), Map.of(), false, null, List.of("CreatedDate"), List.of()),
  /** Salesforce OpportunityHistory export: stage changes of opportunities. */
  SALESFORCE_OPPORTUNITY_HISTORY(Reader.CSV, "CreatedDate", "crm:stage_{StageName|slug}", "crm", "sales", "false",
      identity("sf_opportunity", "{OpportunityId}"), "{Id}", Map.of(), Map.of(), false, null, List.of("CreatedDate"),
      List.of()),
  /**
   * Salesforce Contact export: links a contact to every phone number it holds (most contacts of a consumer business
   * have only a mobile) and its e-mail address; no events.
   */
  SALESFORCE_CONTACT(Reader.CSV, "CreatedDate", "crm:contact", "crm", null, "false",
      identity("sf_contact", "{Id}", "phone", List.of("{Phone}", "{MobilePhone}", "{HomePhone}", "{OtherPhone}"),
          "email", "{Email}"),
      null, Map.of(), Map.of(), true, null, List.of(), List.of()),
  /** Any JSON records, mapped entirely by the config. */
  JSON(Reader.JSON, null, null, null, null, null, Map.of(), null, Map.of(), Map.of(), false, null, List.of(), List.of()),
  /** Any CSV export with a header, mapped entirely by the config (call-detail records, CRM exports). */
  CSV_RECORDS(Reader.CSV, null, null, null, null, null, Map.of(), null, Map.of(), Map.of(), false, null, List.of(),
      List.of());

  /** How a format's files are read into field records. */
  public enum Reader { JSON, CSV, ACCESS_LOG }

  final Reader reader;
  final String timestamp;
  final String touchpoint;
  final String channel;
  final String owner;
  final String assisted;
  final Map<String, List<String>> identity;
  final String eventId;
  final Map<String, String> eventWhen;
  final Map<String, String> exclude;
  final boolean linksOnly;
  final String chainKind;
  final List<String> required;
  final List<String> inOrder;

  RawFormat(Reader reader, String timestamp, String touchpoint, String channel, String owner, String assisted,
      Map<String, List<String>> identity, String eventId, Map<String, String> eventWhen, Map<String, String> exclude,
      boolean linksOnly, String chainKind, List<String> required, List<String> inOrder) {
    this.reader = reader;
    this.timestamp = timestamp;
    this.touchpoint = touchpoint;
    this.channel = channel;
    this.owner = owner;
    this.assisted = assisted;
    this.identity = identity;
    this.eventId = eventId;
    this.eventWhen = eventWhen;
    this.exclude = exclude;
    this.linksOnly = linksOnly;
    this.chainKind = chainKind;
    this.required = required;
    this.inOrder = inOrder;
  }

  /** Kinds of key, each followed by its template or a list of templates (each value a key). */
  private static Map<String, List<String>> identity(Object... kindsAndTemplates) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (int i = 0; i < kindsAndTemplates.length; i += 2) {
      Object templates = kindsAndTemplates[i + 1];
      map.put((String) kindsAndTemplates[i], templates instanceof String one ? List.of(one)
          : ((List<?>) templates).stream().map(String.class::cast).toList());
    }
    return map;
  }

  /** The config name: {@code amazon-connect}, {@code csv-records}, … */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The format a config names, or null. */
  public static RawFormat of(String label) {
    for (RawFormat f : values()) {
      if (f.label().equalsIgnoreCase(label.trim())) {
        return f;
      }
    }
    return null;
  }

  public Reader reader() {
    return reader;
  }

  public String timestampField() {
    return timestamp;
  }

  public String touchpointTemplate() {
    return touchpoint;
  }

  public String channelTemplate() {
    return channel;
  }

  public String ownerTemplate() {
    return owner;
  }

  public String assistedTemplate() {
    return assisted;
  }

  /** The preset's kinds of key, each with its templates, most trusted first. */
  public Map<String, List<String>> identityTemplates() {
    return identity;
  }

  public String eventIdTemplate() {
    return eventId;
  }

  public Map<String, String> eventWhenPatterns() {
    return eventWhen;
  }

  public Map<String, String> excludePatterns() {
    return exclude;
  }

  public boolean linksOnly() {
    return linksOnly;
  }

  /** The kind of key that chains the legs of one contact, or null. */
  public String chainKind() {
    return chainKind;
  }

  /** Fields without which a record is quarantined. */
  public List<String> requiredFields() {
    return required;
  }

  /** Two time fields in order (start, end), or none. */
  public List<String> inOrderFields() {
    return inOrder;
  }

  /**
   * Opens a range of a file of this format that does not start at its beginning, as field records: its first record
   * starts on line {@code firstLine}; {@code header} is the file's header (CSV exports).
   */
  public Iterator<FieldRecord> openRange(InputStream in, char delimiter, long firstLine, List<String> header) {
    return switch (reader) {
      case JSON -> JsonRecordReader.lines(in, firstLine);
      case CSV -> new CsvRecordReader(in, delimiter, header, firstLine);
      case ACCESS_LOG -> new AccessLogReader(in, firstLine);
    };
  }

  /** Opens a file of this format as field records. */
  public Iterator<FieldRecord> open(InputStream in, char delimiter) {
    return switch (reader) {
      case JSON -> new JsonRecordReader(in);
      case CSV -> new CsvRecordReader(in, delimiter);
      case ACCESS_LOG -> new AccessLogReader(in);
    };
  }
}
