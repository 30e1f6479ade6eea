package io.tierdesk.events.routing;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.UUID;

/** An agent of {@code tier} now works on the ticket; {@code assignedBy} is an agent id or "policy". */
public record TicketAssigned(UUID ticketId, String agentId, Tier tier, String assignedBy, Instant assignedAt)
        implements RoutingEvent {
    public TicketAssigned {
        Require.present(ticketId, "ticketId");
        Require.text(agentId, "agentId");
        Require.present(tier, "tier");
        Require.present(assignedAt, "assignedAt");
    }
}
