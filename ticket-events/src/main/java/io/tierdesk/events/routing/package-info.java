/**
 * Routing events: triage, queueing, assignment, escalation and return between the lines, supervisors alerted.
 */
package io.tierdesk.events.routing;
