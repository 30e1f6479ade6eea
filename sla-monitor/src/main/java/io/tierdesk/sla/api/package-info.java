/**
 * sla-monitor's REST resources: calendars, policies, a ticket's clocks, the at-risk list and the quality report.
 */
package io.tierdesk.sla.api;
