package io.tierdesk.events.routing;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.UUID;

/** The ticket went back down the lines to its owner's line, by hand; the L1 owner stays. */
public record TicketReturned(UUID ticketId, Tier fromTier, Tier toTier, String note, String by, Instant returnedAt)
        implements RoutingEvent {
    public TicketReturned {
        Require.present(ticketId, "ticketId");
        Require.present(fromTier, "fromTier");
        Require.present(toTier, "toTier");
        Require.present(returnedAt, "returnedAt");
        if (toTier.ordinal() >= fromTier.ordinal()) {
            throw Require.violation("toTier", "a return goes down the lines: " + fromTier + " to " + toTier);
        }
    }
}
