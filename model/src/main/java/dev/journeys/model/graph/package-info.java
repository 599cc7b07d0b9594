/**
 * The transition graph (JGraphT) and what it answers: the most likely path from start to end, the loops customers
 * bounce around in, and the touchpoints most journeys pass through.
 */
package dev.journeys.model.graph;
