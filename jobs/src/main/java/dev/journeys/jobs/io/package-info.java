/**
 * The output folder and its tables: the columns of every table ({@link dev.journeys.jobs.io.EventColumns},
 * {@link dev.journeys.jobs.io.JourneyColumns}, {@link dev.journeys.jobs.io.TransitionRows},
 * {@link dev.journeys.jobs.io.VariantRows}, rate columns named by {@link dev.journeys.jobs.io.Rate}), Parquet written
 * without Spark, the CSV exports, the readers the report and the nightly comparison use
 * ({@link dev.journeys.jobs.io.TransitionRecord}), and the run folder that keeps earlier outputs safe until a run
 * has finished ({@link dev.journeys.jobs.io.RunFolder}).
 */
package dev.journeys.jobs.io;
