package io.tierdesk.intake.domain;

/** A command the ticket refuses in its current state (HTTP 409, naming the state). */
public class TicketRejected extends RuntimeException {
    private final TicketStatus status;

    public TicketRejected(TicketStatus status, String message) {
        super(message);
        this.status = status;
    }

    /** The state the ticket is in, or null when it does not exist. */
    public TicketStatus status() {
        return status;
    }
}
