/**
 * Reading inputs, engine-free: what a source is ({@link dev.journeys.jobs.ingest.Source},
 * {@link dev.journeys.jobs.ingest.InputFile}), the XES and CSV readers, each record becoming an event in the unified
 * schema or a quarantined row with its file, line and reason ({@link dev.journeys.jobs.ingest.IngestRecord}), files
 * that end early ({@link dev.journeys.jobs.ingest.Break}), and pseudonymising customer keys. Nothing is dropped
 * silently: a row is an event, quarantined, or counted as left out by the lifecycle filter.
 */
package dev.journeys.jobs.ingest;
