package dev.journeys.jobs.ingest.raw;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.jobs.config.ConfigFile;
import dev.journeys.jobs.config.RunConfig;
import dev.journeys.jobs.ingest.Source;
import dev.journeys.jobs.io.Rate;
import dev.journeys.model.event.Micros;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each built-in format's preset mapping, on small records written to the vendor's documented field names. */
class RawFormatTest {

  @TempDir Path dir;

  List<MappedRecord> map(String format, String extra, String content) throws IOException {
    return map(format, extra, "", content);
  }

  /** The records of {@code content} mapped by a source of {@code format} ({@code extra} its keys, {@code top} the run's). */
  List<MappedRecord> map(String format, String extra, String top, String content) throws IOException {
    Path config = Files.writeString(dir.resolve("c.yaml"), "sources:\n  - path: x\n    format: " + format + "\n"
        + extra + top + "out: o\n");
    RunConfig run = ConfigFile.read(config, null);
    Source source = run.sources().get(0);
    List<MappedRecord> out = new ArrayList<>();
    source.raw().open(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), source.read().delimiter())
        .forEachRemaining(r -> out.add(r.isBad() ? MappedRecord.bad(r.error()) : source.mapping().map(r,
            source.mapping().formatter(), null, run.phones())));
    return out;
  }

  static Instant at(MappedRecord r) {
    return Micros.toInstant(r.tsMicros());
  }

  @Test
  void segmentTracksAndPagesAreEventsAndIdentifyAndAliasOnlyLink() throws IOException {
    List<MappedRecord> r = map("segment", "", """
        {"type":"track","event":"Rate Shown","anonymousId":"a-1","timestamp":"2026-03-01T09:00:00.000Z","messageId":"m1","properties":{"rate":3.9}}
        {"type":"page","name":"Pricing","anonymousId":"a-1","timestamp":"2026-03-01T09:01:00Z","messageId":"m2"}
        {"type":"identify","anonymousId":"a-1","userId":"u-7","traits":{"email":" Ann@Example.COM "},"timestamp":"2026-03-01T09:02:00Z"}
        {"type":"alias","previousId":"a-1","userId":"u-7","timestamp":"2026-03-01T09:03:00Z"}
        {"type":"track","event":"Rate Shown","timestamp":"2026-03-01T09:04:00Z"}
        {"type":"identify","userId":"u-7","context":{"traits":{"email":"ann@work.example","phone":"+44 7700 900123"}},"timestamp":"2026-03-01T09:05:00Z"}
        {"event":"Rate Shown","userId":"u-7","timestamp":"2026-03-01T09:06:00Z"}
        """);
    assertThat(r.get(0).touchpoint()).isEqualTo("web:rate_shown");
    assertThat(r.get(0).channel()).isEqualTo("web");
    assertThat(r.get(0).owner()).isEqualTo("marketing");
    assertThat(r.get(0).assisted()).isFalse();
    assertThat(r.get(0).keys()).containsExactly("anon:a-1");
    assertThat(r.get(0).eventId()).isEqualTo("m1");
    assertThat(at(r.get(0))).isEqualTo(Instant.parse("2026-03-01T09:00:00Z"));
    assertThat(r.get(1).touchpoint()).isEqualTo("web:pricing");
    assertThat(r.get(2).linksOnly()).isTrue();
    assertThat(r.get(2).keys()).containsExactly("user:u-7", "anon:a-1", "email:ann@example.com");
    assertThat(r.get(3).linksOnly()).isTrue();
    // An alias call's previousId may be a former user id or an anonymous id: it links as both.
    assertThat(r.get(3).keys()).containsExactly("user:u-7", "user:a-1", "anon:a-1");
    assertThat(r.get(4).unattributed()).isTrue();
    assertThat(r.get(5).keys()).containsExactly("user:u-7", "email:ann@work.example", "phone:+447700900123");
    assertThat(r.get(6).error()).isEqualTo("type is missing: a segment record cannot be read without it");
  }

  @Test
  void accessLogVisitorsAreClientAndAgentAndAssetsAndBotsAreLeftOut() throws IOException {
    List<MappedRecord> r = map("access-log", "", """
        1.2.3.4 - - [17/May/2015:10:05:03 +0000] "GET /pricing?plan=a HTTP/1.1" 200 512 "-" "Mozilla/5.0 (X11)"
        1.2.3.4 - - [17/May/2015:10:05:04 +0000] "GET /style.css HTTP/1.1" 200 512 "-" "Mozilla/5.0 (X11)"
        5.6.7.8 - - [17/May/2015:10:05:05 +0000] "GET /pricing HTTP/1.1" 200 512 "-" "Googlebot/2.1"
        """);
    assertThat(r.get(0).touchpoint()).isEqualTo("web:/pricing");
    assertThat(r.get(0).keys()).containsExactly("visitor:1.2.3.4 Mozilla/5.0 (X11)");
    assertThat(r.get(1).excluded()).isTrue();
    assertThat(r.get(2).excluded()).isTrue();
    List<MappedRecord> withCookie = map("access-log", "    identity: {visitor: \"{extra.0,client_agent}\"}\n", """
        1.2.3.4 - - [17/May/2015:10:05:03 +0000] "GET / HTTP/1.1" 200 5 "-" "Mozilla/5.0" "uid=c0ffee"
        1.2.3.4 - - [17/May/2015:10:05:04 +0000] "GET / HTTP/1.1" 200 5 "-" "Mozilla/5.0" "-"
        """);
    assertThat(withCookie.get(0).keys()).containsExactly("visitor:uid=c0ffee");
    assertThat(withCookie.get(1).keys()).containsExactly("visitor:1.2.3.4 Mozilla/5.0");
  }

  @Test
  void amazonConnectContactsAreAssistedAndTransfersShareTheirInitialContact() throws IOException {
    List<MappedRecord> r = map("amazon-connect", "", """
        {"ContactId":"c-1","InitialContactId":null,"PreviousContactId":null,"Channel":"VOICE","InitiationMethod":"INBOUND","InitiationTimestamp":"2026-03-03T14:00:00Z","DisconnectTimestamp":"2026-03-03T14:09:00Z","Queue":{"Name":"Billing Support"},"Agent":{"Username":"jo"},"CustomerEndpoint":{"Address":"+31 20 123 4567","Type":"TELEPHONE_NUMBER"},"Attributes":{"reason":"invoice"}}
        {"ContactId":"c-2","InitialContactId":"c-1","PreviousContactId":"c-1","Channel":"VOICE","InitiationMethod":"TRANSFER","InitiationTimestamp":"2026-03-03T14:09:00Z","Queue":{"Name":"Sales"}}
        {"ContactId":"c-3","Channel":"CHAT","InitiationMethod":"API","InitiationTimestamp":"2026-03-04T08:00:00Z","CustomerEndpoint":null}
        """);
    assertThat(r.get(0).touchpoint()).isEqualTo("voice:billing_support");
    assertThat(r.get(0).channel()).isEqualTo("voice");
    assertThat(r.get(0).assisted()).isTrue();
    assertThat(r.get(0).keys()).containsExactly("phone:+31201234567", "contact:c-1");
    assertThat(r.get(1).keys()).containsExactly("contact:c-1");
    assertThat(r.get(2).touchpoint()).isEqualTo("chat:no_queue");
    assertThat(r.get(2).keys()).containsExactly("contact:c-3");
  }

  @Test
  void impossibleRecordsAreQuarantinedWithTheirFormatsReason() throws IOException {
    List<MappedRecord> calls = map("amazon-connect", "", """
        {"ContactId":"c-1","Channel":"VOICE","InitiationTimestamp":"2026-03-03T14:00:00Z","DisconnectTimestamp":"2026-03-03T13:59:59Z","CustomerEndpoint":{"Address":"+31201234567"}}
        {"ContactId":"c-2","Channel":"VOICE","InitiationTimestamp":"2026-03-03T14:00:00Z","DisconnectTimestamp":"2026-03-03T14:00:00Z","CustomerEndpoint":{"Address":"+31201234567"}}
        """);
    assertThat(calls.get(0).error()).isEqualTo("DisconnectTimestamp 2026-03-03T13:59:59Z precedes InitiationTimestamp "
        + "2026-03-03T14:00:00Z: an impossible record");
    assertThat(calls.get(1).isBad()).isFalse();
    List<MappedRecord> cases = map("salesforce-case", "", """
        Id,ContactId,Origin,CreatedDate
        500A,003A,Phone,
        """);
    assertThat(cases.get(0).error()).isEqualTo("CreatedDate is missing: a salesforce-case record cannot be read "
        + "without it");
    List<MappedRecord> tasks = map("salesforce-task", "", """
        Id,WhoId,Subject,CreatedDate
        00TA,003A,Call,
        """);
    assertThat(tasks.get(0).error()).startsWith("CreatedDate is missing");
  }

  @Test
  void aPhoneNumberThatCannotBeReadIsNoKeyAndIsCounted() throws IOException {
    List<MappedRecord> r = map("salesforce-contact", "", "identity: {default-region: GB}\n", """
        Id,Phone,MobilePhone,CreatedDate
        003A,n/a,+44 7700 900123,2026-03-01T09:00:00Z
        """);
    assertThat(r.get(0).keys()).containsExactly("sf_contact:003A", "phone:+447700900123");
    assertThat(r.get(0).unreadablePhones()).isEqualTo(1);
    List<MappedRecord> calls = map("csv-records", """
            touchpoint: "call:in"
            timestamp: at
            identity: {phone: "{caller}"}
        """, """
        caller,at
        12,2026-03-01T09:00:00Z
        """);
    assertThat(calls.get(0).unattributed()).isTrue();
    assertThat(calls.get(0).unreadablePhones()).isEqualTo(1);
  }

  @Test
  void salesforceExportsUseTheirApiFieldNamesAndTimestamps() throws IOException {
    List<MappedRecord> cases = map("salesforce-case", "", """
        Id,CaseNumber,ContactId,AccountId,Origin,Status,Reason,CreatedDate,ClosedDate
        500A,00001001,003A,001A,Phone,Closed,Billing,2026-03-05T10:15:00.000+0000,2026-03-06T09:00:00.000+0000
        500B,00001002,,001A,Web,New,,2026-03-05T11:00:00.000+0000,
        """);
    assertThat(cases.get(0).touchpoint()).isEqualTo("crm:case_phone");
    assertThat(cases.get(0).owner()).isEqualTo("support");
    assertThat(cases.get(0).keys()).containsExactly("sf_contact:003A");
    assertThat(at(cases.get(0))).isEqualTo(Instant.parse("2026-03-05T10:15:00Z"));
    assertThat(cases.get(1).unattributed()).isTrue();

    List<MappedRecord> tasks = map("salesforce-task", "", """
        Id,WhoId,WhatId,Subject,Type,TaskSubtype,Status,ActivityDate,CreatedDate
        00TA,003A,006A,Follow-up call,Call,Call,Completed,2026-03-06,2026-03-06T08:00:00.000+0000
        """);
    assertThat(tasks.get(0).touchpoint()).isEqualTo("crm:task_call");
    assertThat(tasks.get(0).keys()).containsExactly("sf_contact:003A");

    List<MappedRecord> stages = map("salesforce-opportunity-history", "", """
        Id,OpportunityId,StageName,Amount,Probability,CloseDate,CreatedDate
        008A,006A,Closed Won,1200,100,2026-03-10,2026-03-10T16:00:00.000+0000
        """);
    assertThat(stages.get(0).touchpoint()).isEqualTo("crm:stage_closed_won");
    assertThat(stages.get(0).keys()).containsExactly("sf_opportunity:006A");
  }

  @Test
  void genericCallDetailRecordsAreMappedByTheConfig() throws IOException {
    List<MappedRecord> r = map("csv-records", """
            touchpoint: "call:{queue|slug}"
            timestamp: start_time
            timestamp-format: dd/MM/yyyy HH:mm:ss
            time-zone: Europe/Amsterdam
            assisted: "true"
            owner: "{department|unknown}"
            identity: {phone: "{caller}"}
            event-id: "{call_id}"
        """, "identity: {default-region: NL}\n", """
        call_id,caller,queue,department,start_time
        1,020-1234567,Billing Questions,billing,01/03/2026 10:00:00
        2,,Sales,,01/03/2026 11:00:00
        3,0201234567,Sales,,not a time
        """);
    assertThat(r.get(0).touchpoint()).isEqualTo("call:billing_questions");
    assertThat(r.get(0).keys()).containsExactly("phone:+31201234567");
    assertThat(r.get(0).owner()).isEqualTo("billing");
    assertThat(at(r.get(0))).isEqualTo(Instant.parse("2026-03-01T09:00:00Z"));
    assertThat(r.get(1).unattributed()).isTrue();
    assertThat(r.get(2).error()).contains("'not a time'");
  }

  @Test
  void brokenRecordsOfEveryFormatComeBackWithAReason() throws IOException {
    assertThat(map("segment", "", "{\"type\":\"track\",\"event\":\n").get(0).error()).startsWith("malformed JSON");
    assertThat(map("segment", "", "{\"type\":\"track\",\"event\":\"X\",\"userId\":\"u\",\"timestamp\":\"soon\"}\n")
        .get(0).error()).contains("'soon'");
    assertThat(map("amazon-connect", "", "{\"ContactId\":\"c\",\"Channel\":\"VOICE\",\"InitiationTimestamp\":\"not-a-time\"}\n")
        .get(0).error()).contains("'not-a-time'");
    assertThat(map("salesforce-case", "", "Id,ContactId,Origin,CreatedDate\n500A,003A,Phone\n").get(0).error())
        .isEqualTo("expected 4 fields as in the header, found 3");
    assertThat(map("access-log", "", "not a log line\n").get(0).error())
        .startsWith("expected the combined or common log format");
  }

  @Test
  void aKeyKindTakesAListOfTemplatesAndEveryValueIsAKey() throws IOException {
    List<MappedRecord> r = map("salesforce-contact", """
            identity:
              sf_contact: "{Id}"
              phone: ["{Phone}", "{MobilePhone}", "{OtherPhone}"]
              email: "{Email}"
        """, "identity: {default-region: GB}\n", """
        Id,Phone,MobilePhone,OtherPhone,Email,CreatedDate
        003A,020 7946 0123,+44 7700 900123,,ann@example.com,2026-03-01T09:00:00Z
        003B,,+44 7700 900456,+44 7700 900456,,2026-03-01T09:00:00Z
        """);
    assertThat(r.get(0).keys()).containsExactly("sf_contact:003A", "phone:+442079460123", "phone:+447700900123",
        "email:ann@example.com");
    // The same number in two fields is one key.
    assertThat(r.get(1).keys()).containsExactly("sf_contact:003B", "phone:+447700900456");
  }

  @Test
  void theReadmesListExampleReadsACustomerWithTwoEmailAddresses() throws IOException {
    List<MappedRecord> r = map("csv-records", """
            timestamp: created_at
            touchpoint: "crm:signup"
            identity:
              customer: "{customer_id}"
              email: ["{email}", "{work_email}"]
        """, """
        customer_id,email,work_email,created_at
        c-1,ann@example.com,Ann@Work.example,2026-03-01T09:00:00Z
        """);
    assertThat(r.get(0).touchpoint()).isEqualTo("crm:signup");
    assertThat(r.get(0).keys()).containsExactly("customer:c-1", "email:ann@example.com", "email:ann@work.example");
  }

  @Test
  void theSalesforceContactPresetLinksEveryPhoneOfAContact() throws IOException {
    List<MappedRecord> r = map("salesforce-contact", "", "identity: {default-region: GB}\n", """
        Id,FirstName,Phone,MobilePhone,HomePhone,OtherPhone,Email,CreatedDate
        003A,Ann,,+44 7700 900123,,,ann@example.com,2026-03-01T09:00:00Z
        003B,Bob,020 7946 0123,+44 7700 900456,020 7946 0999,,,2026-03-01T09:00:00Z
        """);
    assertThat(r.get(0).linksOnly()).isTrue();
    assertThat(r.get(0).keys()).containsExactly("sf_contact:003A", "phone:+447700900123", "email:ann@example.com");
    assertThat(r.get(1).keys()).containsExactly("sf_contact:003B", "phone:+442079460123", "phone:+447700900456",
        "phone:+442079460999");
  }

  @Test
  void aKeyKindThatIsNeitherTextNorAListOfTextsIsAProblemNamingTheKey() throws IOException {
    Path config = Files.writeString(dir.resolve("bad.yaml"), """
        sources:
          - path: x
            format: salesforce-contact
            identity: {phone: [{field: Phone}]}
        out: o
        """);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConfigFile.read(config, null))
        .hasMessageContaining("key 'sources[0].identity.phone[0]': expected text, got a map");
  }
}
