/**
 * SLA events: clocks started, paused, resumed, re-timed, warned, breached, met.
 */
package io.tierdesk.events.sla;
