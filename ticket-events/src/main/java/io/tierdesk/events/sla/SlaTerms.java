package io.tierdesk.events.sla;

/**
 * Under what a clock runs: the plan's policy and its version, the ticket's priority, and the calendar and its
 * version whose working time counts. Absent from events written before it existed.
 */
public record SlaTerms(String plan, Long policyVersion, String priority, String calendar, Long calendarVersion) {
}
