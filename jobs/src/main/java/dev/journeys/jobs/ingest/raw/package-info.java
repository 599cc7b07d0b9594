/**
 * Raw exports (web analytics, contact-centre records, CRM objects, access logs) read as their vendors document them,
 * each format with a preset mapping onto the unified event that the config may replace key by key
 * ({@link dev.journeys.jobs.ingest.raw.RawFormat}, {@link dev.journeys.jobs.ingest.raw.SourceMapping}), templates
 * over a record's fields, and the scrubber that keeps personal data out of touchpoint names.
 */
package dev.journeys.jobs.ingest.raw;
