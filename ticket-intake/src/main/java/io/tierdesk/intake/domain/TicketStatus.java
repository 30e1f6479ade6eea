package io.tierdesk.intake.domain;

/** Where a ticket is in its life: new until an agent acts, open while worked, awaiting the customer, resolved, closed. */
public enum TicketStatus {
    NEW, OPEN, AWAITING_CUSTOMER, RESOLVED, CLOSED;

    /** Still being worked on: replies, notes, questions and diagnostics are allowed. */
    public boolean isActive() {
        return this == NEW || this == OPEN || this == AWAITING_CUSTOMER;
    }
}
