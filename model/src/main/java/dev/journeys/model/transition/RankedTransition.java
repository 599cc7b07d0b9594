package dev.journeys.model.transition;

import dev.journeys.model.metric.RateCount;

/** A ranked transition is one row of a ranked table: its rank, the transition, the rate ranked and the sort key. */
public record RankedTransition(int rank, Transition transition, RateCount rate, double score) {}
