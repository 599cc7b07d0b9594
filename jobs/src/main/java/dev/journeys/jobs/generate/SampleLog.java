package dev.journeys.jobs.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the sample log as {@code events.csv.gz} (a few deliberately broken rows included) and the
 * planted gaps with their true rates as {@code truth.json}.
 */
public final class SampleLog {

  public static final String EVENTS_FILE = "events.csv.gz";
  /** The demo's stages, for {@code --stages}. */
  public static final String STAGES_FILE = "stages.yaml";
  public static final List<String> COLUMNS = List.of("customer_id", "timestamp", "touchpoint", "channel", "owner", "assisted",
      "region");
  /** One row in this many is written broken, to show the quarantine. */
  private static final int BROKEN_EVERY = 20_011;

  private SampleLog() {}

  /** Writes {@code customers} customers; returns the number of rows written. */
  public static long write(Path dir, long customers, long seed) {
    try {
      Files.createDirectories(dir);
      long[] rows = {0};
      try (Writer w = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(dir.resolve(EVENTS_FILE)), 1 << 16),
          StandardCharsets.UTF_8)) {
        w.write(String.join(",", COLUMNS) + "\r\n");
        SampleJourneys model = new SampleJourneys(seed);
        StringBuilder line = new StringBuilder(128);
        for (long i = 0; i < customers; i++) {
          String region = model.region(i);
          model.customer(i, (customer, ts, touchpoint, channel, owner, assisted) -> {
            line.setLength(0);
            boolean broken = ++rows[0] % BROKEN_EVERY == 0;
            line.append(customer).append(',').append(broken ? "not-a-time" : ts.toString()).append(',')
                .append(touchpoint).append(',').append(channel).append(',').append(owner).append(',')
                .append(assisted).append(',').append(region).append("\r\n");
            try {
              w.write(line.toString());
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
        }
      }
      Files.writeString(dir.resolve(STAGES_FILE), "# The archetype's stages of the sample log, for --stages.\n"
          + SampleJourneys.STAGES_YAML);
      writeTruth(dir.resolve("truth.json"), customers, seed, rows[0], rows[0] / BROKEN_EVERY);
      return rows[0];
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the sample log to " + dir + ": " + e.getMessage(), e);
    }
  }

  static void writeTruth(Path file, long customers, long seed, long rows, long broken) throws IOException {
    Map<String, Object> truth = new LinkedHashMap<>();
    truth.put("customers", customers);
    truth.put("seed", seed);
    truth.put("rows", rows);
    truth.put("broken_rows", broken);
    truth.put("goal", SampleJourneys.GOAL);
    truth.put("planted_gaps", List.of(
        Map.of("gap", "customers stop when the application shows the rate",
            "transition", "web:apply_start → web:apply_rate_shown", "metric", "drop_off_rate",
            "true_rate", SampleJourneys.DROP_AT_RATE_SHOWN),
        Map.of("gap", "after the sales call and the order, customers call again within 1-5 days",
            "transition", "phone:sales_call → web:order_completed", "metric", "repeat_contact_rate_7d",
            "true_rate", SampleJourneys.SUPPORT_CALL_AFTER_ORDER),
        Map.of("gap", "customers who switch from the rates page to the phone have to call back within 2-20 hours",
            "transition", "web:view_rates → phone:rates_enquiry", "metric", "repeat_contact_rate_24h",
            "true_rate", SampleJourneys.CALL_BACK_AFTER_RATES_ENQUIRY)));
    truth.put("stages", "stages.yaml beside the sample log; the stages: of journeys.yaml beside raw exports");
    truth.put("planted_stage_gap", Map.of("gap", "after the order, customers stall in the access stage (welcome "
            + "e-mail, account set-up, first use): they never use what they bought; some call for help first",
        "stage_passage", "buy → access", "metric", "stall_rate", "true_rate", SampleJourneys.ACCESS_STALL,
        "note", "no order comes within 46 days of the end, so every access journey is decided by the cut-off"));
    truth.put("planted_trigger", Map.of("gap", "within days of the sales call customers call again: nobody told them "
            + "what happens next", "trigger", "phone:sales_call", "window", "7d", "metric", "repeat contacts / contacts",
        "true_rate", SampleJourneys.SUPPORT_CALL_AFTER_ORDER, "most_often_followed_by", "phone:activation_help"));
    truth.put("planted_segment_difference", Map.of("gap", "customers of " + SampleJourneys.PLANTED_REGION
            + " leave a viewed invoice unpaid twice as often as the others", "attribute", "region",
        "segment", SampleJourneys.PLANTED_REGION, "transition", "crm:invoice_sent → web:view_invoice",
        "metric", "drop_off", "true_rate_in_segment",
        (1 - SampleJourneys.BILLING_CALL) * SampleJourneys.INVOICE_UNPAID_IN_PLANTED_REGION,
        "true_rate_elsewhere", (1 - SampleJourneys.BILLING_CALL) * SampleJourneys.INVOICE_UNPAID,
        "note", "with stages the invoice starts a journey of the use stage, whose goal is web:pay_invoice; "
            + "no other rate differs between regions"));
    Files.writeString(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(truth));
  }
}
