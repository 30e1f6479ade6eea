package io.tierdesk.events.routing;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.UUID;

/**
 * The ticket moved up the lines (a return down is {@link TicketReturned}); the L1 owner stays. An escalation to L4 by
 * hand names the vendor's case ({@code vendor}); one by policy may not.
 */
public record TicketEscalated(UUID ticketId, Tier fromTier, Tier toTier, String reason, String note, String by,
        Instant escalatedAt, VendorCase vendor) implements RoutingEvent {
    public TicketEscalated {
        Require.present(ticketId, "ticketId");
        Require.present(fromTier, "fromTier");
        Require.present(toTier, "toTier");
        Require.text(reason, "reason");
        Require.present(escalatedAt, "escalatedAt");
        if (toTier.ordinal() <= fromTier.ordinal()) {
            throw Require.violation("toTier", "an escalation goes up the lines: " + fromTier + " to " + toTier);
        }
        if (vendor != null && toTier != Tier.L4) {
            throw Require.violation("vendor", "only an escalation to L4 opens a vendor case");
        }
    }

    /** An escalation that opens no vendor case. */
    public TicketEscalated(UUID ticketId, Tier fromTier, Tier toTier, String reason, String note, String by,
            Instant escalatedAt) {
        this(ticketId, fromTier, toTier, reason, note, by, escalatedAt, null);
    }
}
