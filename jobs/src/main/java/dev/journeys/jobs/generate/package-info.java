/**
 * The sample data: a deterministic model of customers crossing web, phone, chat, e-mail and CRM touchpoints with
 * planted gaps whose true rates are written beside them ({@code truth.json}), as an event log or as the raw exports
 * real teams have.
 */
package dev.journeys.jobs.generate;
