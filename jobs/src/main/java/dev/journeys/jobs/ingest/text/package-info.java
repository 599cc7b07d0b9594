/**
 * Text as the readers meet it: RFC 4180 CSV records with the line each began on, timestamps in the forms exports
 * use, flags, malformed UTF-8 counted, and a look-ahead iterator. Shared by the event-log readers and the raw formats.
 */
package dev.journeys.jobs.ingest.text;
