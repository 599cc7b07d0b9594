/**
 * Transitions between touchpoints: their counts, gaps and rates (drop-off, eventual drop-off, repeat contact per
 * window), the table built from the kernel's counts and its rankings.
 */
package dev.journeys.model.transition;
