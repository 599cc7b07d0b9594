package dev.journeys.jobs.generate;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * A deterministic model of customers moving through web, phone, chat, e-mail and CRM touchpoints of
 * marketing, sales, support and billing, with three planted gaps: many stop when the application
 * shows a rate; after the sales call and the order, many call support within days; customers who
 * switch from the rates page to the phone often have to call back. Each customer depends only on the
 * seed and its number, so any slice of customers can be generated anywhere, in any order.
 */
public final class SampleJourneys {

  public static final String GOAL = "web:order_completed";
  public static final double DROP_AT_RATE_SHOWN = 0.45;
  public static final double SUPPORT_CALL_AFTER_ORDER = 0.40;
  public static final double CALL_BACK_AFTER_RATES_ENQUIRY = 0.50;
  public static final Instant END = Instant.parse("2026-06-30T00:00:00Z");
  private static final long SPAN_SECONDS = Duration.ofDays(120).toSeconds();
  private static final long RECENT_SECONDS = Duration.ofDays(60).toSeconds();

  /** Receives one generated event. */
  @FunctionalInterface
  public interface Sink {
    void event(String customerId, Instant ts, String touchpoint, String channel, String owner, boolean assisted);
  }

  private final long seed;

  public SampleJourneys(long seed) {
    this.seed = seed;
  }

  /** Generates customer number {@code index}; returns the number of events. */
  public int customer(long index, Sink sink) {
    SplittableRandom random = new SplittableRandom(seed * 1_000_003L + index);
    String id = String.format("cust-%08d", index);
    // Most customers start long enough before the end that their fate is decided; a few are recent (pending).
    long back = random.nextDouble() < 0.04 ? random.nextLong(RECENT_SECONDS) : RECENT_SECONDS + random.nextLong(SPAN_SECONDS);
    Customer c = new Customer(id, random, sink, END.minusSeconds(back));
    c.journey();
    if (random.nextDouble() < 0.25) {
      c.t = c.t.plus(Duration.ofDays(31 + random.nextInt(40)));
      c.journey();
    }
    return c.events;
  }

  private static final class Customer {
    final String id;
    final SplittableRandom random;
    final Sink sink;
    Instant t;
    int events;

    Customer(String id, SplittableRandom random, Sink sink, Instant start) {
      this.id = id;
      this.random = random;
      this.sink = sink;
      this.t = start;
    }

    void emit(String touchpoint, String owner, boolean assisted, long minSeconds, long maxSeconds) {
      t = t.plusSeconds(minSeconds + random.nextLong(Math.max(1, maxSeconds - minSeconds)));
      if (t.isAfter(END)) {
        return;
      }
      sink.event(id, t, touchpoint, touchpoint.substring(0, touchpoint.indexOf(':')), owner, assisted);
      events++;
    }

    boolean chance(double p) {
      return random.nextDouble() < p;
    }

    /** One journey: an entry (marketing, a support contact after an order, or a bill), then the funnel. */
    void journey() {
      if (chance(0.7)) {
        emit("web:landing", "marketing", false, 0, 60);
      } else {
        emit("email:campaign_click", "marketing", false, 0, 60);
      }
      if (chance(0.12)) {
        return;
      }
      funnel();
    }

    void funnel() {
      funnel(30, 600);
    }

    /** The shop's funnel, entered {@code min}..{@code max} seconds after the previous event. */
    void funnel(long min, long max) {
      emit("web:view_products", "marketing", false, min, max);
      if (chance(0.2)) {
        emit("web:faq", "support", false, 20, 300);
      }
      if (chance(0.15)) {
        return;
      }
      emit("web:view_rates", "sales", false, 30, 900);
      if (chance(0.2)) {
        emit("phone:rates_enquiry", "sales", true, 300, 3_600);
        if (chance(CALL_BACK_AFTER_RATES_ENQUIRY)) {
          emit("phone:rates_enquiry", "sales", true, 2 * 3_600, 20 * 3_600);
        }
        if (chance(0.3)) {
          return;
        }
        if (chance(0.10)) {
          return;
        }
        emit("web:apply_start", "sales", false, 2 * 86_400, 5 * 86_400); // callers apply days later
      } else {
        if (chance(0.10)) {
          return;
        }
        emit("web:apply_start", "sales", false, 60, 1_800);
      }
      emit("web:apply_rate_shown", "sales", false, 120, 480);
      if (chance(DROP_AT_RATE_SHOWN)) {
        return;
      }
      emit("web:apply_submit", "sales", false, 180, 900);
      if (chance(0.08)) {
        return;
      }
      emit("phone:sales_call", "sales", true, 3_600, 24 * 3_600);
      if (chance(0.10)) {
        return;
      }
      emit(GOAL, "sales", false, 600, 7_200);
      afterOrder();
    }

    /** After an order (a goal ends the journey): a support call, or a bill; both often lead back to the shop. */
    void afterOrder() {
      if (chance(SUPPORT_CALL_AFTER_ORDER)) {
        emit("phone:support_call", "support", true, 86_400, 5 * 86_400);
        if (chance(0.3)) {
          emit("chat:support_chat", "support", true, 600, 3 * 3_600);
        }
        if (chance(0.75)) {
          funnel(8 * 86_400, 25 * 86_400); // customers come back to shop weeks later
        }
      } else if (chance(0.3)) {
        emit("crm:invoice_sent", "billing", false, 2 * 86_400, 10 * 86_400);
        emit("web:view_invoice", "billing", false, 3_600, 2 * 86_400);
        if (chance(0.15)) {
          emit("phone:billing_call", "billing", true, 600, 86_400);
        }
        if (chance(0.7)) {
          funnel(8 * 86_400, 25 * 86_400);
        }
      }
    }
  }
}
