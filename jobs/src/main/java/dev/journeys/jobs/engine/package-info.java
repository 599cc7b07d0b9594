/**
 * The seam between a run and where it runs: {@link dev.journeys.jobs.engine.Engine}, and the typed results an engine
 * hands back ({@link dev.journeys.jobs.engine.IngestResult}, {@link dev.journeys.jobs.engine.JourneysResult}). Two
 * engines implement it, {@code engine.spark} for any input of any size and {@code engine.local} for small logs in
 * one JVM; both feed the same kernel ({@link dev.journeys.jobs.engine.JourneyRows}) through the same readers, so
 * their outputs are the same, byte for byte. The events themselves stay inside the engine that read them: a Spark
 * table in one, rows in memory in the other.
 */
package dev.journeys.jobs.engine;
