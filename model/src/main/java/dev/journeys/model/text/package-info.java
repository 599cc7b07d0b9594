/** Text helpers: the nearest known name to a mistyped one. */
package dev.journeys.model.text;
