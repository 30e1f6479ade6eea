package io.tierdesk.intake.application;

import io.tierdesk.eventing.domain.Rejection;
import java.util.List;

/**
 * No ticket with that id or number: not found when the path names it, not possible (422) when a body refers to it —
 * the request itself was addressed to something that exists.
 */
public class TicketNotFound extends Rejection {
    public TicketNotFound(String field, String reference) {
        super("ticketId".equals(field) ? Kind.NOT_FOUND : Kind.NOT_ALLOWED_NOW,
                List.of(new Violation(field, "no ticket " + reference)), "ticket-not-found", "Ticket not found");
    }
}
