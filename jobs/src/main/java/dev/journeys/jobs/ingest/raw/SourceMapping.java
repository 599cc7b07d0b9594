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
 * @param chainKind    the kind of key that chains the legs of one contact (Amazon Connect's {@code InitialContactId}):
 *                     it links them, but names no customer by itself; null: none
 * @param required     fields a record cannot be read without (a Segment call's {@code type}): quarantined if empty
 * @param inOrder      two time fields, the first never after the second (a contact's initiation and disconnect),
 *                     or none: a record whose second comes before its first is quarantined
 * @param attributes   the attributes its events keep, by name, each rendered by its template (through the
 *                     scrubber); a name whose template renders nothing is left out of the event's attributes
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
    boolean linksOnly,
    String chainKind,
    List<String> required,
    List<String> inOrder,
    Map<String, Template> attributes) implements Serializable {

  /** A mapping without a chain key or record checks. */
  public SourceMapping(String name, Template touchpoint, Template channel, Template owner, Template assisted,
      String timestampField, String timestampFormat, ZoneId zone, Map<String, List<Template>> identity,
      Template eventId, Map<String, Pattern> eventWhen, Map<String, Pattern> exclude, Set<String> assistedChannels,
      boolean linksOnly) {
    this(name, touchpoint, channel, owner, assisted, timestampField, timestampFormat, zone, identity, eventId,
        eventWhen, exclude, assistedChannels, linksOnly, null, List.of(), List.of(), Map.of());
  }

  public SourceMapping {
    Map<String, List<Template>> kinds = new LinkedHashMap<>();
    identity.forEach((kind, templates) -> kinds.put(kind, List.copyOf(templates)));
    identity = kinds;
    eventWhen = new LinkedHashMap<>(eventWhen);
    exclude = new LinkedHashMap<>(exclude);
    assistedChannels = Set.copyOf(assistedChannels);
    required = List.copyOf(required);
    inOrder = List.copyOf(inOrder);
    attributes = new LinkedHashMap<>(attributes);
    if (identity.isEmpty()) {
      throw new IllegalArgumentException("source " + name + ": no identity keys (map at least one kind to a field)");
    }
    if (chainKind != null && !identity.containsKey(chainKind)) {
      throw new IllegalArgumentException("source " + name + ": the contact chain's kind '" + chainKind
          + "' is none of its identity kinds " + identity.keySet());
    }
    if (!inOrder.isEmpty() && inOrder.size() != 2) {
      throw new IllegalArgumentException("source " + name + ": in-order takes two time fields, got " + inOrder);
    }
  }

  /** Maps one record, phone numbers read with their country code; never throws for bad data (a reason instead). */
  public MappedRecord map(FieldRecord record, DateTimeFormatter format) {
    return map(record, format, null, PhoneNumbers.INTERNATIONAL_ONLY);
  }

  /**
   * Maps one record, the touchpoint's field values passing {@code scrubber} (null: none) and phone numbers read by
   * {@code phones}; the result says whether the scrubber changed anything and how many numbers could not be read.
   * Never throws for bad data, which comes back as a reason.
   */
  public MappedRecord map(FieldRecord record, DateTimeFormatter format, Scrubber scrubber, PhoneNumbers phones) {
    for (Map.Entry<String, Pattern> e : exclude.entrySet()) {
      String value = record.get(e.getKey());
      if (value != null && e.getValue().matcher(value).find()) {
        return MappedRecord.EXCLUDED;
      }
    }
    for (String field : required) {
      String value = record.get(field);
      if (value == null || value.isBlank()) {
        return MappedRecord.bad(field + " is missing: a " + name + " record cannot be read without it");
      }
    }
    String disorder = disorder(record, format);
    if (disorder != null) {
      return MappedRecord.bad(disorder);
    }
    List<String> keys = new ArrayList<>(identity.size());
    int unreadable = 0;
    for (Map.Entry<String, List<Template>> e : identity.entrySet()) {
      for (Template template : e.getValue()) {
        String value = template.renderOrNull(record);
        if (value == null) {
          continue;
        }
        String normalised = normalise(e.getKey(), value, phones);
        if (normalised == null && isPhone(e.getKey()) && !value.isBlank()) {
          unreadable++;
        }
        String key = e.getKey() + ":" + normalised;
        if (normalised != null && !keys.contains(key)) {
          keys.add(key);
        }
      }
    }
    if (keys.isEmpty()) {
      return MappedRecord.unattributed(unreadable);
    }
    boolean onlyLinks = linksOnly;
    for (Map.Entry<String, Pattern> e : eventWhen.entrySet()) {
      String value = record.get(e.getKey());
      if (value == null || !e.getValue().matcher(value).matches()) {
        onlyLinks = true;
      }
    }
    if (onlyLinks) {
      return MappedRecord.links(keys, unreadable);
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
      Map<String, String> kept = null;
      for (Map.Entry<String, Template> a : attributes.entrySet()) {
        String value = a.getValue().renderOrNull(record, scrubber, scrubbed);
        if (value != null && !value.isBlank()) {
          if (kept == null) {
            kept = new java.util.TreeMap<>();
          }
          kept.put(a.getKey(), value.trim());
        }
      }
      return new MappedRecord(id, ts, tp, ch, ow, isAssisted, keys, false, null, false, false, scrubbed[0],
          unreadable, kept);
    } catch (IllegalArgumentException e) {
      return MappedRecord.bad(e.getMessage());
    }
  }

  /** Why the record's two ordered times are out of order (or unreadable), or null when they are not. */
  private String disorder(FieldRecord record, DateTimeFormatter format) {
    if (inOrder.isEmpty()) {
      return null;
    }
    String first = record.get(inOrder.get(0));
    String second = record.get(inOrder.get(1));
    if (first == null || first.isBlank() || second == null || second.isBlank()) {
      return null;
    }
    try {
      long from = Timestamps.parseMicros(first, zone, format);
      long to = Timestamps.parseMicros(second, zone, format);
      return to >= from ? null : inOrder.get(1) + " " + second.trim() + " precedes " + inOrder.get(0) + " "
          + first.trim() + ": an impossible record";
    } catch (IllegalArgumentException e) {
      return inOrder.get(1) + " or " + inOrder.get(0) + ": " + e.getMessage();
    }
  }

  /** Whether keys of this kind are phone numbers ({@code phone}, {@code phone_work}, …). */
  static boolean isPhone(String kind) {
    return kind.startsWith("phone");
  }

  /**
   * Phone numbers (kinds named {@code phone…}) in E.164, null when unreadable; e-mail addresses trimmed and
   * lower-cased; other keys trimmed.
   */
  static String normalise(String kind, String value, PhoneNumbers phones) {
    String v = value.trim();
    if (v.isEmpty()) {
      return null;
    }
    if (isPhone(kind)) {
      return phones.e164(v);
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
