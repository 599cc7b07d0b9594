/** Maps and sets of primitive longs and ints for the kernel's hot loop: no boxing, no per-entry objects. */
package dev.journeys.model.primitive;
