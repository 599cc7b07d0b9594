package dev.journeys.jobs.config;

import dev.journeys.jobs.ingest.ReadOptions;
import dev.journeys.jobs.ingest.Source;
import dev.journeys.jobs.ingest.raw.RawFormat;
import dev.journeys.jobs.ingest.raw.SourceMapping;
import dev.journeys.jobs.ingest.raw.Template;
import dev.journeys.jobs.ingest.text.Timestamps;
import dev.journeys.model.journey.JourneyRules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads one source of a run's configuration: an event log (XES, CSV or Parquet) with how to read its columns, or a
 * raw export in its format, with the format's preset mapping onto the unified event, each key of which the
 * configuration may replace.
 */
final class SourceReader {

  static final Set<String> EXPORT = Set.of("path", "paths", "format", "name", "touchpoint", "channel", "owner",
      "assisted", "timestamp", "timestamp-format", "time-zone", "identity", "event-id", "event-when", "exclude",
      "assisted-channels", "delimiter", "contact-chain", "required", "in-order", "attributes");
  static final Set<String> LOG = Set.of("path", "paths", "case-column", "activity-column", "timestamp-column",
      "timestamp-format", "time-zone", "customer-column", "channel-column", "owner-column", "assisted-column",
      "assisted-channels", "lifecycle", "delimiter", "attributes");

  private SourceReader() {}

  /** A source's path: as given when there is no base folder (the command line) or it is a URL, else under the base. */
  static String resolve(Path base, String path) {
    return base == null || path.contains("://") ? path : base.resolve(path).toString();
  }

  /** An event log: how to read its columns (or XES attributes). */
  static List<Source> log(ConfigNode node, Path base, JourneyRules rules, Set<String> assistedDefault,
      List<String> errors) {
    node.allowOnly(LOG);
    List<String> paths = new ArrayList<>(node.strings("paths"));
    if (node.has("path")) {
      paths.add(0, node.string("path", null));
    }
    if (paths.isEmpty()) {
      errors.add("key '" + node.path() + "': a source needs a path (a file, glob or folder) or paths");
    }
    String customer = node.string("customer-column", null);
    if (!rules.perCase() && customer == null) {
      node.error("customer-column", "missing: journeys by customer need each source's customer column");
    }
    String format = node.string("timestamp-format", null);
    if (format != null) {
      node.parsed("timestamp-format", Timestamps::formatter, null);
    }
    Set<String> assisted = new LinkedHashSet<>();
    node.strings("assisted-channels").forEach(c -> assisted.add(c.trim().toLowerCase(Locale.ROOT)));
    String delimiter = node.string("delimiter", Defaults.DELIMITER);
    if (delimiter.length() != 1) {
      node.error("delimiter", "expected one character, got '" + delimiter + "'");
      delimiter = ",";
    }
    ReadOptions read = new ReadOptions(
        node.string("case-column", ReadOptions.CASE_COLUMN_DEFAULT),
        node.string("activity-column", ReadOptions.ACTIVITY_COLUMN_DEFAULT),
        node.string("timestamp-column", ReadOptions.TIMESTAMP_COLUMN_DEFAULT),
        customer, node.string("channel-column", null), node.string("owner-column", null),
        node.string("assisted-column", null),
        node.has("assisted-channels") ? assisted : assistedDefault,
        node.string("lifecycle", null), node.parsed("time-zone", Defaults::zone, Defaults.TIME_ZONE), delimiter.charAt(0),
        format, attributeColumns(node));
    return paths.stream().map(p -> new Source(resolve(base, p), read)).toList();
  }

  /** A raw export: its format's preset mapping, each key of which the config may replace. */
  static List<Source> export(ConfigNode node, RawFormat raw, Path base, Set<String> assistedDefault,
      List<String> errors) {
    node.allowOnly(EXPORT);
    List<String> paths = new ArrayList<>(node.strings("paths"));
    if (node.has("path")) {
      paths.add(0, node.string("path", null));
    }
    if (paths.isEmpty()) {
      errors.add("key '" + node.path() + "': a source needs a path (a file, glob or folder) or paths");
    }
    String name = node.string("name", raw.label());
    Map<String, List<Template>> identity = new LinkedHashMap<>();
    ConfigNode keys = node.object("identity");
    if (keys != null) {
      for (String kind : keys.keys()) {
        List<Template> templates = new ArrayList<>();
        for (String text : keys.strings(kind)) {
          try {
            templates.add(Template.parse(text));
          } catch (IllegalArgumentException e) {
            keys.error(kind, e.getMessage());
          }
        }
        if (!templates.isEmpty()) {
          identity.put(kind, templates);
        }
      }
    } else {
      raw.identityTemplates().forEach((kind, templates) ->
          identity.put(kind, templates.stream().map(Template::parse).toList()));
    }
    if (identity.isEmpty()) {
      node.error("identity", "missing: map at least one kind of key to its field, e.g. {customer: '{customer_id}'}");
    }
    Template touchpoint = node.parsed("touchpoint", Template::parse, raw.touchpointTemplate() == null ? null
        : Template.parse(raw.touchpointTemplate()));
    String timestamp = node.string("timestamp", raw.timestampField());
    if (touchpoint == null && !raw.linksOnly()) {
      node.error("touchpoint", "missing: a template such as 'call:{Queue.Name}'");
    }
    if (timestamp == null && !raw.linksOnly()) {
      node.error("timestamp", "missing: the field holding the time");
    }
    String format = node.string("timestamp-format", null);
    if (format != null) {
      node.parsed("timestamp-format", Timestamps::formatter, null);
    }
    String delimiter = node.string("delimiter", Defaults.DELIMITER);
    if (delimiter.length() != 1) {
      node.error("delimiter", "expected one character, got '" + delimiter + "'");
      delimiter = ",";
    }
    Set<String> assistedChannels = new LinkedHashSet<>();
    node.strings("assisted-channels").forEach(c -> assistedChannels.add(c.trim().toLowerCase(Locale.ROOT)));
    if (assistedChannels.isEmpty()) {
      assistedChannels.addAll(assistedDefault);
    }
    if (errors.size() > 0 && (touchpoint == null || identity.isEmpty())) {
      return List.of();
    }
    SourceMapping mapping;
    try {
      mapping = new SourceMapping(name, touchpoint == null ? Template.parse("none") : touchpoint,
          templateOr(node, "channel", raw.channelTemplate()), templateOr(node, "owner", raw.ownerTemplate()),
          templateOr(node, "assisted", raw.assistedTemplate()), timestamp, format,
          node.parsed("time-zone", Defaults::zone, Defaults.TIME_ZONE), identity, templateOr(node, "event-id", raw.eventIdTemplate()),
          patterns(node, "event-when", raw.eventWhenPatterns()), patterns(node, "exclude", raw.excludePatterns()),
          assistedChannels, raw.linksOnly(), chainKind(node, identity, raw),
          node.has("required") ? node.strings("required") : raw.requiredFields(),
          node.has("in-order") ? node.strings("in-order") : raw.inOrderFields(), attributeTemplates(node));
    } catch (IllegalArgumentException e) {
      errors.add("key '" + node.path() + "': " + e.getMessage());
      return List.of();
    }
    ReadOptions read = new ReadOptions(ReadOptions.CASE_COLUMN_DEFAULT, ReadOptions.ACTIVITY_COLUMN_DEFAULT,
        ReadOptions.TIMESTAMP_COLUMN_DEFAULT, null, null, null, null, assistedChannels, null, mapping.zone(),
        delimiter.charAt(0), format);
    return paths.stream()
        .map(p -> new Source(resolve(base, p), read, raw, mapping))
        .toList();
  }

  /** The columns an event log keeps as attributes ({@code attributes: [col, ...]}), each once, in order. */
  private static List<String> attributeColumns(ConfigNode node) {
    List<String> columns = new ArrayList<>();
    for (String column : node.strings("attributes")) {
      if (column.isBlank()) {
        node.error("attributes", "expected column names, got a blank one");
      } else if (!columns.contains(column.trim())) {
        columns.add(column.trim());
      }
    }
    return columns;
  }

  /** The attributes a raw export keeps ({@code attributes: {name: template}}), in order. */
  private static Map<String, Template> attributeTemplates(ConfigNode node) {
    Map<String, Template> templates = new LinkedHashMap<>();
    if (!node.has("attributes")) {
      return templates;
    }
    ConfigNode map = node.object("attributes");
    if (map == null) {
      return templates;
    }
    for (String name : map.keys()) {
      Template t = map.parsed(name, Template::parse, null);
      if (t != null) {
        templates.put(name, t);
      }
    }
    return templates;
  }

  /** The kind of key chaining a contact's legs: the config's ({@code none}: no chain), else the preset's if mapped. */
  private static String chainKind(ConfigNode node, Map<String, List<Template>> identity, RawFormat raw) {
    String kind = node.string("contact-chain", null);
    if (kind == null) {
      return raw.chainKind() != null && identity.containsKey(raw.chainKind()) ? raw.chainKind() : null;
    }
    if (kind.isBlank() || kind.equals("none")) {
      return null;
    }
    if (!identity.containsKey(kind)) {
      node.error("contact-chain", "expected one of the source's identity kinds " + identity.keySet() + " or none, got '"
          + kind + "'");
      return null;
    }
    return kind;
  }

  private static Template templateOr(ConfigNode node, String key, String preset) {
    return node.parsed(key, Template::parse, preset == null ? null : Template.parse(preset));
  }

  private static java.util.Map<String, java.util.regex.Pattern> patterns(ConfigNode node, String key,
      java.util.Map<String, String> preset) {
    java.util.Map<String, java.util.regex.Pattern> patterns = new java.util.LinkedHashMap<>();
    ConfigNode map = node.object(key);
    if (map == null) {
      preset.forEach((field, regex) -> patterns.put(field, java.util.regex.Pattern.compile(regex)));
      return patterns;
    }
    for (String field : map.keys()) {
      java.util.regex.Pattern p = map.parsed(field, java.util.regex.Pattern::compile, null);
      if (p != null) {
        patterns.put(field, p);
      }
    }
    return patterns;
  }
}
