/**
 * The statistics: rates with Wilson intervals, the two-proportion test and Benjamini–Hochberg for comparisons,
 * repeat-contact windows, gap distributions and durations.
 */
package dev.journeys.model.metric;
