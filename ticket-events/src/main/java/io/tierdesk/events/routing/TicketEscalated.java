package io.tierdesk.events.routing;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.UUID;

/** The ticket moved up the lines (a return down is {@link TicketReturned}); the L1 owner stays. */
public record TicketEscalated(UUID ticketId, Tier fromTier, Tier toTier, String reason, String note, String by,
        Instant escalatedAt) implements RoutingEvent {
    public TicketEscalated {
        Require.present(ticketId, "ticketId");
        Require.present(fromTier, "fromTier");
        Require.present(toTier, "toTier");
        Require.text(reason, "reason");
        Require.present(escalatedAt, "escalatedAt");
        if (toTier.ordinal() <= fromTier.ordinal()) {
            throw Require.violation("toTier", "an escalation goes up the lines: " + fromTier + " to " + toTier);
        }
    }
}
