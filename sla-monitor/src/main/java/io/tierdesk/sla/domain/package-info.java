/**
 * SLAs as plain Java: business calendars, policies per plan, a ticket's clocks and the {@code SlaDecider}, the
 * quality report's arithmetic.
 */
package io.tierdesk.sla.domain;
