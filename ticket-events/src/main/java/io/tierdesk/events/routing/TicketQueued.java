package io.tierdesk.events.routing;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.UUID;

/** Nobody eligible is free: the ticket waits in its tier's queue. */
public record TicketQueued(UUID ticketId, Tier tier, Instant queuedAt) implements RoutingEvent {
    public TicketQueued {
        Require.present(ticketId, "ticketId");
        Require.present(tier, "tier");
        Require.present(queuedAt, "queuedAt");
    }
}
