package io.tierdesk.events.routing;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.UUID;

/** Routing decided priority, category, skill and starting tier (again when L1 re-triages). */
public record TicketTriaged(UUID ticketId, String impact, String urgency, Priority priority, String category,
        String skill, Tier tier, String triagedBy, Instant triagedAt) implements RoutingEvent {
    public TicketTriaged {
        Require.present(ticketId, "ticketId");
        Require.present(priority, "priority");
        Require.present(tier, "tier");
        Require.present(triagedAt, "triagedAt");
    }
}
