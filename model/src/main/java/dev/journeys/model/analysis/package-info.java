/** The whole analysis of a small log in memory, the reference the engines are tested against. */
package dev.journeys.model.analysis;
