/**
 * The local engine: a small XES or CSV log (up to 64 MB, a gzipped file counted 8 times) analysed in this JVM alone,
 * without starting Spark, whose start-up and per-job costs would outweigh the analysis. The same readers
 * ({@link dev.journeys.jobs.ingest.LogParser}), kernel ({@link dev.journeys.jobs.engine.JourneyRows}) and Parquet
 * writer ({@link dev.journeys.jobs.io.ParquetTables}) as the Spark engine, so the outputs are the same bytes. Loading
 * Parquet's writer is the largest cost left on a small log, so the tables are written on a second thread while the
 * rest of the run goes on.
 */
package dev.journeys.jobs.engine.local;
