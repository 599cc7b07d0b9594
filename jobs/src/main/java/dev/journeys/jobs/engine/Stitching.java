package dev.journeys.jobs.engine;

import java.util.Map;

/**
 * What reading and stitching the raw exports found: records read (events, identity links, duplicates and
 * records without a customer; not those quarantined or left out by filters), the events among them, identity keys,
 * the customers the events belong to, components split for being too large, duplicates dropped, records left out by
 * the sources' filters, records without a customer (no identity key, or only a contact chain that reaches none),
 * rounds of large-star and small-star until the components were found, phone numbers that could not be read (per source).
 */
public record Stitching(long records, long events, long identityKeys, long customers, long oversized,
    long duplicates, long excluded, long unattributed, int rounds, Map<String, Long> unreadablePhones,
    Map<String, Object> report) {

  /** Phone numbers that could not be read, in all sources. */
  public long unreadablePhonesInAll() {
    return unreadablePhones.values().stream().mapToLong(Long::longValue).sum();
  }
}
