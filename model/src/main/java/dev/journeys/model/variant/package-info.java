/** Variants: journeys grouped by their touchpoint sequence, counted by the kernel or from journeys. */
package dev.journeys.model.variant;
