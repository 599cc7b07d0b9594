/** The unified event and touchpoints, with times in microseconds. */
package dev.journeys.model.event;
