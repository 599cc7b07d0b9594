/**
 * The output folder and its tables: every output column named once, with the tables' schemas
 * ({@link dev.journeys.jobs.io.OutputSchema}; the transition tables' columns, which depend on the repeat-contact
 * windows, built by {@link dev.journeys.jobs.io.TransitionRows}, the rates' columns named by
 * {@link dev.journeys.jobs.io.Rate}), the rows of the variant and transition tables, Parquet written without Spark,
 * the CSV exports, the typed manifest ({@link dev.journeys.jobs.io.RunManifest}), the readers the report and the
 * nightly comparison use ({@link dev.journeys.jobs.io.TransitionRecord}), and the run folder that keeps earlier
 * outputs safe until a run has finished ({@link dev.journeys.jobs.io.RunFolder}).
 */
package dev.journeys.jobs.io;
