package io.tierdesk.events.ticket;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.UUID;

/** The ticket is closed: confirmed by the customer, closed by an agent, or closed after the customer went silent. */
public record TicketClosed(UUID ticketId, CloseReason reason, String closedBy, Instant closedAt)
        implements TicketEvent {
    public TicketClosed {
        Require.present(ticketId, "ticketId");
        Require.present(reason, "reason");
        Require.present(closedAt, "closedAt");
    }
}
