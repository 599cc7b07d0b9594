package dev.journeys.jobs.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the sample customers as the raw exports real teams have: Segment JSON lines from the web
 * (anonymous sessions that log in to see their rates), Amazon Connect contact records (calls from numbers
 * the CRM mostly knows, a shared switchboard number, outbound sales calls), and Salesforce Contact,
 * Case and Task CSV exports; a few records in each are broken. Beside them, {@code journeys.yaml}
 * maps them onto the unified event, and {@code truth.json} records the planted gaps.
 */
public final class SampleExports {

  public static final String CONFIG = "journeys.yaml";
  static final String SHARED_NUMBER = "+31 20 000 0000";
  private static final ObjectMapper JSON = new ObjectMapper();

  private SampleExports() {}

  /** Writes the exports of {@code customers} customers into {@code dir}; returns the records written. */
  public static long write(Path dir, long customers, long seed) {
    try {
      Files.createDirectories(dir);
      try (Writer segment = gzip(dir.resolve("segment.jsonl.gz"));
           Writer calls = gzip(dir.resolve("contact-records.jsonl.gz"));
           Writer contacts = Files.newBufferedWriter(dir.resolve("salesforce-contacts.csv"));
           Writer cases = Files.newBufferedWriter(dir.resolve("salesforce-cases.csv"));
           Writer tasks = Files.newBufferedWriter(dir.resolve("salesforce-tasks.csv"))) {
        contacts.write("Id,FirstName,LastName,Email,Phone,CreatedDate\r\n");
        cases.write("Id,CaseNumber,ContactId,AccountId,Origin,Status,Reason,CreatedDate,ClosedDate\r\n");
        tasks.write("Id,WhoId,Subject,Type,TaskSubtype,Status,ActivityDate,CreatedDate\r\n");
        Writers out = new Writers(segment, calls, contacts, cases, tasks);
        SampleJourneys model = new SampleJourneys(seed);
        for (long i = 0; i < customers; i++) {
          Customer c = new Customer(i, seed, model.region(i));
          if (c.inCrm) {
            out.contact(c);
          }
          model.customer(i, (customer, ts, touchpoint, channel, owner, assisted) -> out.event(c, ts, touchpoint));
        }
        writeConfig(dir.resolve(CONFIG));
        SampleLog.writeTruth(dir.resolve("truth.json"), customers, seed, out.records, out.broken);
        return out.records;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the sample exports to " + dir + ": " + e.getMessage(), e);
    }
  }

  private static Writer gzip(Path file) throws IOException {
    return new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file), 1 << 16), StandardCharsets.UTF_8);
  }

  /** One customer's identities: most are in the CRM, most log in on the web some time. */
  private static final class Customer {
    final long index;
    final String userId;
    final String anonymousId;
    final String email;
    final String phone;
    final String contactId;
    final boolean inCrm;
    final String region;
    boolean loggedIn;
    final SplittableRandom random;

    Customer(long index, long seed, String region) {
      this.index = index;
      this.region = region;
      this.random = new SplittableRandom(seed * 7_919L + index);
      this.userId = "u" + index;
      this.anonymousId = String.format(Locale.ROOT, "%016x", random.nextLong());
      this.email = "customer" + index + "@example.com";
      this.phone = String.format(Locale.ROOT, "+31 6 %04d %04d", (index / 10_000) % 10_000, index % 10_000);
      this.contactId = String.format(Locale.ROOT, "003%012d", index);
      this.inCrm = random.nextDouble() < 0.95;
    }
  }

  /** The export files and what goes into each. */
  private static final class Writers {
    final Writer segment;
    final Writer calls;
    final Writer contacts;
    final Writer cases;
    final Writer tasks;
    long records;
    long broken;

    Writers(Writer segment, Writer calls, Writer contacts, Writer cases, Writer tasks) {
      this.segment = segment;
      this.calls = calls;
      this.contacts = contacts;
      this.cases = cases;
      this.tasks = tasks;
    }

    void contact(Customer c) throws UncheckedIOException {
      line(contacts, String.join(",", c.contactId, "Ann", "Example" + c.index, c.email, c.phone,
          "2025-01-01T00:00:00.000+0000"));
    }

    void event(Customer c, Instant ts, String touchpoint) {
      String channel = touchpoint.substring(0, touchpoint.indexOf(':'));
      String action = touchpoint.substring(touchpoint.indexOf(':') + 1);
      switch (channel) {
        case "web", "email" -> web(c, ts, channel, action);
        case "phone", "chat" -> contactRecord(c, ts, channel, action);
        default -> task(c, ts, action);
      }
    }

    private void web(Customer c, Instant ts, String channel, String action) {
      // Browsing is anonymous; personal rates need an account, so customers log in to see them.
      if (!c.loggedIn && action.equals("view_rates")) {
        ObjectNode identify = JSON.createObjectNode().put("type", "identify").put("anonymousId", c.anonymousId)
            .put("userId", c.userId).put("timestamp", ts.minusSeconds(1).toString())
            .put("messageId", "id-" + c.index + "-" + ts.getEpochSecond());
        identify.putObject("traits").put("email", c.email);
        json(segment, identify);
        c.loggedIn = true;
      }
      boolean page = action.startsWith("view_") || action.equals("landing") || action.equals("faq");
      ObjectNode call = JSON.createObjectNode().put("type", page ? "page" : "track")
          .put(page ? "name" : "event", title(action)).put("anonymousId", c.anonymousId)
          .put("timestamp", ts.toString()).put("messageId", "m-" + c.index + "-" + ts.getEpochSecond() + "-" + action);
      if (c.loggedIn) {
        call.put("userId", c.userId);
      }
      ObjectNode context = call.putObject("context").put("channel", channel);
      context.putObject("location").put("country", c.region); // the tracker's geo-lookup of the visitor
      if (++records % 20_011 == 0) {
        broken++;
        line(segment, call.toString().substring(0, 40));
      } else {
        json(segment, call);
      }
    }

    private void contactRecord(Customer c, Instant ts, String channel, String action) {
      boolean outbound = action.equals("sales_call");
      String id = String.format(Locale.ROOT, "%08x-%x", c.index, ts.getEpochSecond());
      ObjectNode ctr = JSON.createObjectNode().put("ContactId", id).putNull("InitialContactId")
          .put("Channel", channel.equals("chat") ? "CHAT" : "VOICE")
          .put("InitiationMethod", outbound ? "OUTBOUND" : channel.equals("chat") ? "API" : "INBOUND")
          .put("InitiationTimestamp", ts.toString()).put("DisconnectTimestamp", ts.plusSeconds(420).toString());
      ctr.putObject("Queue").put("Name", action.equals("activation_help") ? "Onboarding"
          : title(action.replace("_call", "").replace("_chat", "")));
      if (channel.equals("phone")) {
        boolean shared = !outbound && c.random.nextDouble() < 0.01;
        ctr.putObject("CustomerEndpoint").put("Address", shared ? SHARED_NUMBER : c.phone)
            .put("Type", "TELEPHONE_NUMBER");
      }
      ObjectNode attributes = ctr.putObject("Attributes").put("channel", channel).put("reason", action);
      if (outbound || channel.equals("chat") || c.loggedIn) {
        attributes.put("customerId", c.userId); // callers with an account are identified by the IVR
      }
      if (++records % 5_003 == 0) {
        broken++;
        ctr.put("InitiationTimestamp", "not-a-time");
      }
      json(calls, ctr);
      if (action.equals("support_call") && c.inCrm) {
        line(cases, String.join(",", "500" + id, String.valueOf(10_000_000 + records), c.contactId, "", "Phone",
            "Closed", "Question", sf(ts.plusSeconds(180)), sf(ts.plusSeconds(86_400))));
      }
    }

    private void task(Customer c, Instant ts, String action) {
      if (!c.inCrm) {
        return;
      }
      String date = ts.toString().substring(0, 10);
      line(tasks, String.join(",", "00T" + c.index + "-" + ts.getEpochSecond(), c.contactId, title(action), "Email",
          "Email", "Completed", date, sf(ts)));
    }

    private void json(Writer w, ObjectNode node) {
      line(w, node.toString());
    }

    private void line(Writer w, String text) {
      try {
        w.write(text);
        w.write(w == segment || w == calls ? "\n" : "\r\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Salesforce's API date-time format. */
  static String sf(Instant ts) {
    return ts.toString().replace("Z", "").replaceFirst("(\\d{2}:\\d{2}:\\d{2})(\\.\\d+)?$", "$1.000") + "+0000";
  }

  static String title(String action) {
    StringBuilder out = new StringBuilder();
    for (String word : action.split("_")) {
      if (!out.isEmpty()) {
        out.append(' ');
      }
      out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
    }
    return out.toString();
  }

  private static void writeConfig(Path file) throws IOException {
    Files.writeString(file, """
        # The sample exports of `./journeys demo`, mapped onto the unified event. Each source starts from its
        # format's preset (see journeys.example.yaml) and overrides what this company does its own way.
        sources:
          - name: web
            path: segment.jsonl.gz
            format: segment
            touchpoint: "{context.channel|web}:{event,name|page|slug}"   # e-mail clicks arrive through the web tracker
            channel: "{context.channel|web}"
            attributes:                                                   # kept on the events, per journey its first
              region: "{context.location.country}"
          - name: contact-centre
            path: contact-records.jsonl.gz
            format: amazon-connect
            touchpoint: "{Attributes.channel}:{Attributes.reason}"       # set by the contact flows
            channel: "{Attributes.channel}"
            owner: "{Queue.Name|lower}"
            identity:                                                     # most trusted first
              user: "{Attributes.customerId}"
              phone: "{CustomerEndpoint.Address}"
              contact: "{InitialContactId,ContactId}"
          - name: crm-contacts
            path: salesforce-contacts.csv
            format: salesforce-contact
          - name: crm-cases
            path: salesforce-cases.csv
            format: salesforce-case
            assisted: "false"                                             # the call was the contact; the case is its record
          - name: crm-tasks
            path: salesforce-tasks.csv
            format: salesforce-task
            touchpoint: "crm:{Subject|slug}"
            owner: billing
            assisted: "false"
        identity:
          max-keys: 50
        journeys:
          by: customer
        # Each customer in the segment of its region (its first event's); segment_changes.csv compares the two
        # largest.
        segments:
          by: region
        # The archetype's stages, each with its own goals: a journey is judged against its first event's stage's
        # goals, so a service call after the order is no lost sale.
        stages:
        """ + SampleJourneys.STAGES_YAML);
  }
}
