/**
 * The clocks at work: facts applied under the tickets' row locks, the timers that announce warnings and breaches,
 * calendar re-timing, settings, and the quality projection and reports.
 */
package io.tierdesk.sla.application;
