package io.tierdesk.events.ticket;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.UUID;

/** The customer confirmed the solution works. */
public record ResolutionConfirmed(UUID ticketId, Instant confirmedAt) implements TicketEvent {
    public ResolutionConfirmed {
        Require.present(ticketId, "ticketId");
        Require.present(confirmedAt, "confirmedAt");
    }
}
