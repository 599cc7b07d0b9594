/**
 * The journey kernel: the hot loop of every engine. It streams customers one at a time, their events in order, cuts
 * each customer's events into journeys, judges their fates at the cut-off and counts every passage with its
 * drop-off and repeat-contact flags. Per event it stores a few primitives in reused arrays; names become small ints
 * once, and counts are kept per transition id until the end, so its cost grows with events, not with distinct names.
 */
package dev.journeys.model.kernel;
