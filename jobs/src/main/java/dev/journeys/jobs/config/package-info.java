/**
 * A run's configuration: {@link dev.journeys.jobs.config.RunConfig}, everything one run needs, and the YAML file
 * that describes one ({@link dev.journeys.jobs.config.ConfigFile}). Every problem of a file is reported at once,
 * each naming its key; an unknown key is a problem too, so that a misspelt option never silently falls back to a
 * default.
 */
package dev.journeys.jobs.config;
