/**
 * The command line: {@code run}, {@code nightly}, {@code demo} and {@code generate} (picocli), the choice of engine
 * ({@code --engine auto} runs a small XES or CSV log without Spark), exit codes (2 for a usage or configuration
 * error, 3 for input that cannot be analysed) and the console summary. Commands build a
 * {@link dev.journeys.jobs.config.RunConfig} and hand it to {@link dev.journeys.jobs.run.RunJob}; nothing here
 * computes.
 */
package dev.journeys.jobs.cli;
