package dev.journeys.jobs.ingest.raw;

import dev.journeys.jobs.ingest.text.Flags;
import dev.journeys.jobs.ingest.text.Timestamps;
import dev.journeys.model.event.Touchpoint;
import java.io.Serializable;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A source mapping turns a raw source's field records into events of the unified schema: templates
 * for the touchpoint, channel and owner; the time field with its format and zone; whether the contact
 * was assisted; the identity keys the record carries; filters that leave records out or make them
 * identity links only.
 *
 * @param identity     identity key kinds, most trusted first, each with the templates of its values: every
 *                     template that renders a value gives a key (a record may carry two phones)
 * @param eventWhen    a record is an event only when every field matches its pattern; else it only links identities
 * @param exclude      a record is left out when any field matches its pattern (static assets, bots)
 * @param linksOnly    every record only links identities (a contact list), none is an event
 */
public record SourceMapping(
    String name,
    Template touchpoint,
    Template channel,
    Template owner,
    Template assisted,
    String timestampField,
    String timestampFormat,
    ZoneId zone,
    Map<String, List<Template>> identity,
    Template eventId,
    Map<String, Pattern> eventWhen,
    Map<String, Pattern> exclude,
    Set<String> assistedChannels,
    boolean linksOnly) implements Serializable {

  public SourceMapping {
    Map<String, List<Template>> kinds = new LinkedHashMap<>();
    identity.forEach((kind, templates) -> kinds.put(kind, List.copyOf(templates)));
    identity = kinds;
    eventWhen = new LinkedHashMap<>(eventWhen);
    exclude = new LinkedHashMap<>(exclude);
    assistedChannels = Set.copyOf(assistedChannels);
    if (identity.isEmpty()) {
      throw new IllegalArgumentException("source " + name + ": no identity keys (map at least one kind to a field)");
    }
  }

  /** Maps one record; never throws for bad data, which comes back as a reason. */
  public MappedRecord map(FieldRecord record, DateTimeFormatter format) {
    return map(record, format, null);
  }

  /**
   * Maps one record, the touchpoint's field values passing {@code scrubber} (null: none); the result says
   * whether it changed anything. Never throws for bad data, which comes back as a reason.
   */
  public MappedRecord map(FieldRecord record, DateTimeFormatter format, Scrubber scrubber) {
    for (Map.Entry<String, Pattern> e : exclude.entrySet()) {
      String value = record.get(e.getKey());
      if (value != null && e.getValue().matcher(value).find()) {
        return MappedRecord.EXCLUDED;
      }
    }
    List<String> keys = new ArrayList<>(identity.size());
    for (Map.Entry<String, List<Template>> e : identity.entrySet()) {
      for (Template template : e.getValue()) {
        String value;
        try {
          value = template.render(record);
        } catch (IllegalArgumentException missing) {
          continue;
        }
        String normalised = normalise(e.getKey(), value);
        String key = e.getKey() + ":" + normalised;
        if (normalised != null && !keys.contains(key)) {
          keys.add(key);
        }
      }
    }
    if (keys.isEmpty()) {
      return MappedRecord.UNATTRIBUTED;
    }
    boolean onlyLinks = linksOnly;
    for (Map.Entry<String, Pattern> e : eventWhen.entrySet()) {
      String value = record.get(e.getKey());
      if (value == null || !e.getValue().matcher(value).matches()) {
        onlyLinks = true;
      }
    }
    if (onlyLinks) {
      return new MappedRecord(null, 0, null, null, null, false, keys, true, null, false, false, false);
    }
    try {
      String timestamp = record.get(timestampField);
      long ts = Timestamps.parseMicros(timestamp, zone, format);
      boolean[] scrubbed = {false};
      String tp = touchpoint.render(record, scrubber, scrubbed);
      String ch = channel != null ? channel.render(record).toLowerCase(Locale.ROOT) : Touchpoint.channelOf(tp);
      String ow = owner != null ? owner.render(record) : null;
      boolean isAssisted = assisted != null ? flag(assisted.render(record))
          : ch != null && assistedChannels.contains(ch);
      String id = eventId == null ? null : eventId.render(record);
      return new MappedRecord(id, ts, tp, ch, ow, isAssisted, keys, false, null, false, false, scrubbed[0]);
    } catch (IllegalArgumentException e) {
      return MappedRecord.bad(e.getMessage());
    }
  }

  /** Phone numbers keep their digits (and a leading +); e-mail addresses are trimmed and lower-cased. */
  static String normalise(String kind, String value) {
    String v = value.trim();
    if (v.isEmpty()) {
      return null;
    }
    if (kind.startsWith("phone")) {
      String digits = v.replaceAll("[^0-9]", "");
      return digits.isEmpty() ? null : (v.startsWith("+") ? "+" : "") + digits;
    }
    if (kind.startsWith("email")) {
      return v.toLowerCase(Locale.ROOT);
    }
    return v;
  }

  private static boolean flag(String text) {
    Boolean value = Flags.parse(text);
    if (value == null) {
      throw new IllegalArgumentException("assisted: cannot read '" + text + "' as true/false");
    }
    return value;
  }

  public DateTimeFormatter formatter() {
    return timestampFormat == null ? null : Timestamps.formatter(timestampFormat);
  }
}
