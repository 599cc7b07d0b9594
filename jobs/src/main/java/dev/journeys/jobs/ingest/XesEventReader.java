package dev.journeys.jobs.ingest;

import dev.journeys.jobs.ingest.text.Flags;
import dev.journeys.jobs.ingest.text.Timestamps;
import dev.journeys.model.event.Touchpoint;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streams an XES event log (IEEE 1849) trace by trace: each event's {@code concept:name} is its
 * touchpoint, {@code time:timestamp} its time (offsets converted to instants), the trace's
 * {@code concept:name} its case. Attributes nested inside attributes and {@code global} defaults are
 * skipped. An event that cannot be read is quarantined with its line; malformed XML ends the file
 * with one quarantined row saying where.
 */
public final class XesEventReader implements Iterator<IngestRecord> {

  private static final XMLInputFactory FACTORY = newFactory();

  private final XMLStreamReader xml;
  private final ReadOptions options;
  private final java.time.format.DateTimeFormatter format;
  private final ArrayDeque<IngestRecord> ready = new ArrayDeque<>();
  private long seq;
  private boolean done;
  private long filtered;

  /** An event's direct attributes and the line it starts on. */
  private record RawEvent(Map<String, String> attributes, long line, long seq) {}

  public XesEventReader(InputStream in, ReadOptions options) {
    this.options = options;
    this.format = options.timestampFormat() == null ? null : Timestamps.formatter(options.timestampFormat());
    try {
      this.xml = FACTORY.createXMLStreamReader(in);
    } catch (XMLStreamException e) {
      throw new IllegalArgumentException("Cannot read XES: " + e.getMessage(), e);
    }
  }

  private static XMLInputFactory newFactory() {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_COALESCING, false);
    return factory;
  }

  /** Events left out by the lifecycle filter so far. */
  public long filtered() {
    return filtered;
  }

  @Override
  public boolean hasNext() {
    while (ready.isEmpty() && !done) {
      readTrace();
    }
    if (ready.isEmpty() && failure != null) {
      InputBreak f = failure;
      failure = null;
      throw f;
    }
    return !ready.isEmpty();
  }

  /** Where the file broke off, thrown once the records read before it have been returned. */
  private InputBreak failure;

  @Override
  public IngestRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return ready.poll();
  }

  /** Reads up to the end of the next trace (or the file) and queues its records. */
  private void readTrace() {
    Map<String, String> traceAttributes = new HashMap<>();
    List<RawEvent> events = new ArrayList<>();
    boolean inTrace = false;
    try {
      while (xml.hasNext()) {
        int type = xml.next();
        if (type == XMLStreamConstants.START_ELEMENT) {
          String name = xml.getLocalName();
          if (name.equals("trace")) {
            inTrace = true;
          } else if (name.equals("event")) {
            long line = xml.getLocation().getLineNumber();
            Map<String, String> attributes = readAttributes("event");
            if (inTrace) {
              events.add(new RawEvent(attributes, line, seq++));
            } else {
              ready.add(IngestRecord.bad(seq++, line, "event outside a trace", attributes.toString()));
            }
          } else if (inTrace && isAttribute(name)) {
            putAttribute(traceAttributes);
          } else if (!name.equals("log")) {
            skipElement();
          }
        } else if (type == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("trace")) {
          queueTrace(traceAttributes, events);
          return;
        }
      }
      if (inTrace) {
        long line = xml.getLocation().getLineNumber();
        queueTrace(traceAttributes, events);
        failure = new InputBreak(line, "the file ends inside a trace (line " + line + ")");
      }
      done = true;
    } catch (XMLStreamException e) {
      long line = e.getLocation() != null ? e.getLocation().getLineNumber() : -1;
      queueTrace(traceAttributes, events);
      Throwable nested = e.getNestedException() != null ? e.getNestedException() : e.getCause();
      if (nested instanceof java.io.IOException io) {
        // The XML was fine as far as it went; the stream under it failed (a truncated gzip, a read error).
        failure = new InputBreak(line, io instanceof java.io.EOFException
            ? "the compressed data ends early (" + io.getMessage() + ")" : io.getMessage());
        done = true;
        return;
      }
      String message = e.getMessage() == null ? "" : e.getMessage()
          .replaceFirst("(?s)^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message:\\s*", "")
          .replaceFirst("(?s)\\s*\\n\\s*at \\[row,col.*$", "");
      failure = new InputBreak(line, "malformed XML at line " + line + ": " + message);
      done = true;
    }
  }

  private void queueTrace(Map<String, String> traceAttributes, List<RawEvent> events) {
    String caseId = traceAttributes.get("concept:name");
    for (RawEvent e : events) {
      ready.add(toRecord(caseId, traceAttributes, e));
    }
  }

  private IngestRecord toRecord(String caseId, Map<String, String> trace, RawEvent e) {
    Map<String, String> a = e.attributes();
    if (caseId == null || caseId.isBlank()) {
      return IngestRecord.bad(e.seq(), e.line(), "trace has no concept:name (case id)", a.toString());
    }
    String activity = a.get(options.activityColumn());
    if (activity == null || activity.isBlank()) {
      return IngestRecord.bad(e.seq(), e.line(), "event has no " + options.activityColumn(), a.toString());
    }
    if (options.lifecycle() != null) {
      String lifecycle = a.get("lifecycle:transition");
      if (lifecycle != null && !lifecycle.equalsIgnoreCase(options.lifecycle())) {
        filtered++;
        return IngestRecord.bad(e.seq(), e.line(), LogParser.FILTERED_REASON, a.toString());
      }
    }
    String time = a.get(options.timestampColumn());
    long ts;
    try {
      ts = Timestamps.parseMicros(time, options.zone(), format);
    } catch (IllegalArgumentException ex) {
      return IngestRecord.bad(e.seq(), e.line(), options.timestampColumn() + ": " + ex.getMessage(), a.toString());
    }
    String customer = caseId;
    if (options.customerColumn() != null) {
      customer = lookup(options.customerColumn(), a, trace);
      if (customer == null || customer.isBlank()) {
        return IngestRecord.bad(e.seq(), e.line(), "event has no " + options.customerColumn(), a.toString());
      }
    }
    String channel = options.channelColumn() != null ? lookup(options.channelColumn(), a, trace)
        : Touchpoint.channelOf(activity);
    String owner = options.ownerColumn() != null ? lookup(options.ownerColumn(), a, trace) : null;
    boolean assisted;
    if (options.assistedColumn() != null) {
      String value = lookup(options.assistedColumn(), a, trace);
      Boolean flag = value == null ? Boolean.FALSE : Flags.parse(value);
      if (flag == null) {
        return IngestRecord.bad(e.seq(), e.line(), options.assistedColumn() + ": cannot read '" + value
            + "' as true/false", a.toString());
      }
      assisted = flag;
    } else {
      assisted = options.isAssistedChannel(channel);
    }
    Map<String, String> attributes = null;
    if (!options.attributeColumns().isEmpty()) {
      java.util.List<String> values = new java.util.ArrayList<>(options.attributeColumns().size());
      for (String name : options.attributeColumns()) {
        values.add(lookup(name, a, trace));
      }
      attributes = IngestRecord.attributes(options.attributeColumns(), values);
    }
    return IngestRecord.event(customer, caseId, ts, activity, channel, owner, assisted, e.seq(), e.line(),
        attributes);
  }

  /** An event attribute, or a trace attribute when the key starts with {@code case:}. */
  private static String lookup(String key, Map<String, String> event, Map<String, String> trace) {
    if (key.startsWith("case:")) {
      return trace.get(key.substring(5));
    }
    String value = event.get(key);
    return value != null ? value : trace.get(key);
  }

  private static boolean isAttribute(String name) {
    return switch (name) {
      case "string", "date", "int", "float", "boolean", "id" -> true;
      default -> false;
    };
  }

  /** Reads the direct attributes of the element just started, up to its end. */
  private Map<String, String> readAttributes(String element) throws XMLStreamException {
    Map<String, String> attributes = new HashMap<>();
    while (xml.hasNext()) {
      int type = xml.next();
      if (type == XMLStreamConstants.START_ELEMENT) {
        if (isAttribute(xml.getLocalName())) {
          putAttribute(attributes);
        } else {
          skipElement();
        }
      } else if (type == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals(element)) {
        return attributes;
      }
    }
    throw new XMLStreamException("file ends inside an " + element, xml.getLocation());
  }

  /** Stores the attribute element just started and skips any attributes nested in it. */
  private void putAttribute(Map<String, String> into) throws XMLStreamException {
    String key = xml.getAttributeValue(null, "key");
    String value = xml.getAttributeValue(null, "value");
    if (key != null && value != null) {
      into.put(key, value);
    }
    skipElement();
  }

  /** Skips to the end of the element just started, nested elements included. */
  private void skipElement() throws XMLStreamException {
    int depth = 1;
    while (depth > 0 && xml.hasNext()) {
      int type = xml.next();
      if (type == XMLStreamConstants.START_ELEMENT) {
        depth++;
      } else if (type == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    }
  }
}
