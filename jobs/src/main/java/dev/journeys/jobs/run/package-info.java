/**
 * The stages of a run, in order: ingest, journeys, variants, transitions, graph, report, manifest
 * ({@link dev.journeys.jobs.run.RunJob}). An {@link dev.journeys.jobs.engine.Engine} does the reading and the
 * journeys; the run checks what it read before reporting on it ({@link dev.journeys.jobs.run.InputChecks}: a
 * report must never rest on a fraction of the input without saying so), ranks, writes the CSV exports and the
 * graph, and writes the manifest last, so that a folder with a manifest is a finished run. It writes into a staging
 * folder and replaces its earlier outputs only once finished ({@link dev.journeys.jobs.io.RunFolder}).
 */
package dev.journeys.jobs.run;
