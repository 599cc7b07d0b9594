/**
 * What people and their tools read: {@code report.html} (Mustache templates that escape every value, chart data
 * serialised by Jackson, ECharts inlined so the page needs no network), the transition graph as DOT, GraphML and
 * JSON, and the run-over-run comparison of the nightly run (two-proportion tests with Benjamini–Hochberg). They read
 * the run's manifest and tables, never an engine.
 */
package dev.journeys.jobs.report;
