package dev.journeys.jobs.generate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic model of customers moving through web, phone, chat, e-mail and CRM touchpoints of
 * marketing, sales, onboarding, support and billing, along the archetype discover/evaluate → buy → access → use →
 * ask, with planted gaps: many stop when the application shows a rate; customers who switch from the rates page to
 * the phone often have to call back; within days of the sales call many call again (nobody told them what happens
 * next); and after the order a share of customers stall in the access stage (welcome e-mail, account set-up, first
 * use), some of them calling for help. Each customer lives in a region ({@link #region}); customers of
 * {@link #PLANTED_REGION} leave a viewed invoice unpaid twice as often as the others: the one difference between
 * segments. Each customer depends only on the seed and its number, so any slice of customers can be generated
 * anywhere, in any order.
 */
public final class SampleJourneys {

  public static final String GOAL = "web:order_completed";
  /** The access stage's goal: the customer uses what they bought. */
  public static final String ACTIVATED = "web:first_use";
  public static final double DROP_AT_RATE_SHOWN = 0.45;
  /** Of the customers with a sales call (all of whom order), the share that calls again within 1-5 days. */
  public static final double SUPPORT_CALL_AFTER_ORDER = 0.40;
  /** Of the customers who ordered, the share that never gets through the access stage (never a first use). */
  public static final double ACCESS_STALL = 0.30;
  /** Of them, the ones that call for help before they give up; the rest give up silently. */
  static final double STALL_AND_CALL = 0.12;
  public static final double CALL_BACK_AFTER_RATES_ENQUIRY = 0.50;
  /** The customers' regions and their shares. */
  public static final List<String> REGIONS = List.of("DE", "FR", "IT");
  private static final double[] REGION_SHARES = {0.40, 0.35, 0.25};
  /** The region whose customers leave a viewed invoice unpaid twice as often. */
  public static final String PLANTED_REGION = "FR";
  /** Of the customers who view an invoice and do not call about it, the share that leaves it unpaid (stops there). */
  public static final double INVOICE_UNPAID = 0.12;
  public static final double INVOICE_UNPAID_IN_PLANTED_REGION = 0.24;
  /** Of the customers who view an invoice, the share that calls billing about it. */
  public static final double BILLING_CALL = 0.15;
  public static final Instant END = Instant.parse("2026-06-30T00:00:00Z");
  private static final long SPAN_SECONDS = Duration.ofDays(120).toSeconds();
  private static final long RECENT_SECONDS = Duration.ofDays(60).toSeconds();
  private static final long DAY = 86_400;
  /**
   * No order comes later than this, so that every order's access stage (its longest stall ends 5 days after the order)
   * is decided by the cut-off: a stalled access journey is only decided after the inactivity (30 days) without an
   * event, a completed one at once, so later orders would leave stalls out more often than completions.
   */
  static final Instant LAST_ORDERS = END.minus(Duration.ofDays(46));
  /**
   * No invoice follows a first use later than this, so that an invoice left unpaid (its journey's last event at most
   * 22 days after the first use) is decided by the cut-off, as a paid one is at once.
   */
  static final Instant LAST_INVOICES = END.minus(Duration.ofDays(55));

  /**
   * The archetype's stages for these touchpoints, as a YAML list for {@code stages:} or {@code --stages}. Discovery
   * and evaluation happen in the same visits here, so they are one stage.
   */
  public static final String STAGES_YAML = """
        - {name: evaluate, touchpoints: ["web:landing", "email:campaign_click", "web:view_products", "web:faq", "web:view_rates", "phone:rates_enquiry", "web:apply_*"], goals: [web:order_completed]}
        - {name: buy,      touchpoints: ["phone:sales_call", "web:order_completed"]}
        - {name: access,   touchpoints: ["email:welcome", "web:account_setup", "phone:activation_help", "web:first_use"], goals: [web:first_use]}
        - {name: use,      touchpoints: ["crm:invoice_sent", "web:view_invoice", "web:pay_invoice"], goals: [web:pay_invoice]}
        - {name: ask,      touchpoints: ["phone:support_call", "phone:billing_call", "chat:*", "crm:case_*"]}
      """;

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
    Customer c = new Customer(id, random, sink, END.minusSeconds(back), region(index));
    c.journey();
    if (random.nextDouble() < 0.25) {
      c.t = c.t.plus(Duration.ofDays(31 + random.nextInt(40)));
      c.journey();
    }
    return c.events;
  }

  /**
   * The region of customer {@code index}, drawn apart from its behaviour (its own stream of the seed), so that the
   * regions differ in nothing but the planted difference.
   */
  public String region(long index) {
    double u = new SplittableRandom(seed * 7_727L + index * 31L + 17).nextDouble();
    for (int r = 0; r < REGION_SHARES.length - 1; r++) {
      if (u < REGION_SHARES[r]) {
        return REGIONS.get(r);
      }
      u -= REGION_SHARES[r];
    }
    return REGIONS.get(REGIONS.size() - 1);
  }

  private static final class Customer {
    final String id;
    final String region;
    final SplittableRandom random;
    final Sink sink;
    Instant t;
    int events;

    Customer(String id, SplittableRandom random, Sink sink, Instant start, String region) {
      this.id = id;
      this.region = region;
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
        emit("web:apply_start", "sales", false, 8 * DAY, 14 * DAY); // callers apply a week or two later
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
      if (t.isAfter(LAST_ORDERS)) {
        return; // the export ends before sales called back: left pending, or dropped, as any stop
      }
      emit("phone:sales_call", "sales", true, 3_600, 24 * 3_600);
      emit(GOAL, "sales", false, 600, 7_200);
      afterOrder();
    }

    /**
     * After an order (a goal ends the journey), the access stage: a welcome e-mail, an account set-up, a first use.
     * One draw decides both planted gaps, so that the shares are exact: below {@link #STALL_AND_CALL} the customer
     * stalls and calls for help; below {@link #SUPPORT_CALL_AFTER_ORDER} calls and gets through; below
     * {@link #SUPPORT_CALL_AFTER_ORDER} + ({@link #ACCESS_STALL} − {@link #STALL_AND_CALL}) stalls silently. Every call
     * comes within 1-5 days of the sales call; nothing else assisted does.
     */
    void afterOrder() {
      double u = random.nextDouble();
      boolean calls = u < SUPPORT_CALL_AFTER_ORDER;
      boolean stalls = u < STALL_AND_CALL
          || (u >= SUPPORT_CALL_AFTER_ORDER && u < SUPPORT_CALL_AFTER_ORDER + ACCESS_STALL - STALL_AND_CALL);
      emit("email:welcome", "onboarding", false, 300, 3_600);
      if (stalls && !calls && chance(0.5)) {
        comeBack(0.5);
        return; // never opens the account set-up
      }
      emit("web:account_setup", "onboarding", false, 3_600, 2 * DAY);
      if (calls) {
        emit("phone:activation_help", "onboarding", true, DAY, 3 * DAY);
        if (!stalls && chance(0.4)) {
          emit("phone:support_call", "support", true, 600, 3 * 3_600); // put through to support
        }
      }
      if (stalls) {
        comeBack(0.5);
        return;
      }
      emit(ACTIVATED, "onboarding", false, 600, DAY);
      if (chance(0.3) && t.isBefore(LAST_INVOICES)) {
        emit("crm:invoice_sent", "billing", false, 8 * DAY, 20 * DAY);
        emit("web:view_invoice", "billing", false, 3_600, 2 * DAY);
        if (chance(BILLING_CALL)) {
          emit("phone:billing_call", "billing", true, 600, DAY);
          if (chance(0.3)) {
            emit("chat:support_chat", "support", true, 600, 3 * 3_600);
          }
          emit("web:pay_invoice", "billing", false, 600, DAY); // the call settled it
        } else if (!chance(region.equals(PLANTED_REGION) ? INVOICE_UNPAID_IN_PLANTED_REGION : INVOICE_UNPAID)) {
          emit("web:pay_invoice", "billing", false, 600, 3 * DAY);
        }
      }
      comeBack(0.3);
    }

    /** With probability {@code p}, the customer comes back to shop again after more than a month. */
    void comeBack(double p) {
      if (chance(p)) {
        funnel(31 * DAY, 60 * DAY);
      }
    }
  }
}
