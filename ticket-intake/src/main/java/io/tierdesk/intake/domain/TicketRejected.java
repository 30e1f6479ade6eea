package io.tierdesk.intake.domain;

import io.tierdesk.eventing.domain.Rejection;
import java.util.Locale;
import java.util.List;

/** A command the ticket refuses in its current state: a conflict naming the state. */
public class TicketRejected extends Rejection {
    private final TicketStatus status;

    public TicketRejected(TicketStatus status, String message) {
        super(Kind.CONFLICT, List.of(new Violation("status", "the ticket is " + wire(status)),
                new Violation(null, message)), "invalid-transition", "Not possible in the ticket's state");
        this.status = status;
    }

    /** The state the ticket is in, or null when it does not exist. */
    public TicketStatus status() {
        return status;
    }

    private static String wire(TicketStatus status) {
        return status == null ? "none" : status.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
