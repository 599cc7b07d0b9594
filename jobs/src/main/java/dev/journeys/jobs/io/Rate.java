package dev.journeys.jobs.io;

import dev.journeys.model.metric.RepeatWindow;
import java.util.ArrayList;
import java.util.List;

/**
 * A rate of the transition tables, and the names of its five columns: {@code drop_off_rate},
 * {@code drop_off_lower}, … or, for a repeat-contact window, {@code repeat_contact_rate_7d},
 * {@code repeat_contact_lower_7d}, … The one place these names are made.
 */
public record Rate(String name, String window) {

  public static final Rate DROP_OFF = new Rate("drop_off", null);
  public static final Rate EVENTUAL_DROP_OFF = new Rate("eventual_drop_off", null);

  /** The repeat-contact rate within {@code window} ({@code 24h}, {@code 7d}, …). */
  public static Rate repeatContact(String window) {
    return new Rate("repeat_contact", window);
  }

  /** Every rate of a transition table, in column order, for these repeat-contact windows. */
  public static List<Rate> all(List<RepeatWindow> windows) {
    List<Rate> rates = new ArrayList<>(List.of(DROP_OFF, EVENTUAL_DROP_OFF));
    windows.forEach(w -> rates.add(repeatContact(w.label())));
    return rates;
  }

  private static final List<String> PARTS = List.of("rate", "lower", "upper", "decided", "hits");

  /** The rates whose columns {@code columns} hold (a table's header), in column order. */
  public static List<Rate> inColumns(List<String> columns) {
    List<Rate> rates = new ArrayList<>();
    for (String column : columns) {
      Rate rate = ofColumn(column);
      if (rate != null && column.equals(rate.decided())) {
        rates.add(rate);
      }
    }
    return rates;
  }

  /** The rate {@code column} is one of the columns of, or null when it is no rate's. */
  public static Rate ofColumn(String column) {
    for (String part : PARTS) {
      int at = column.indexOf("_" + part);
      if (at > 0) {
        String rest = column.substring(at + part.length() + 1);
        if (rest.isEmpty() || rest.startsWith("_")) {
          Rate rate = new Rate(column.substring(0, at), rest.isEmpty() ? null : rest.substring(1));
          if (rate.columns().contains(column)) {
            return rate;
          }
        }
      }
    }
    return null;
  }

  /** How the rate is named in summaries and comparisons: {@code drop_off}, {@code repeat_contact_7d}. */
  public String label() {
    return window == null ? name : name + "_" + window;
  }

  public String rate() {
    return column("rate");
  }

  public String lower() {
    return column("lower");
  }

  public String upper() {
    return column("upper");
  }

  /** The passages the rate was decided for: its denominator. */
  public String decided() {
    return column("decided");
  }

  /** The passages it counts: its numerator. */
  public String hits() {
    return column("hits");
  }

  /** The rate's columns, in table order. */
  public List<String> columns() {
    return List.of(rate(), lower(), upper(), decided(), hits());
  }

  private String column(String part) {
    return name + "_" + part + (window == null ? "" : "_" + window);
  }
}
