/** Journeys and the rules that cut and judge them: inactivity, goals, start touchpoints, maximum duration, fates. */
package dev.journeys.model.journey;
