package io.tierdesk.events.ticket;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.UUID;

/** A resolved or recently closed ticket came back: a repeat contact. {@code by} is an agent id or "customer". */
public record TicketReopened(UUID ticketId, String reason, String by, Instant reopenedAt) implements TicketEvent {
    public TicketReopened {
        Require.present(ticketId, "ticketId");
        Require.text(reason, "reason");
        Require.text(by, "by");
        Require.present(reopenedAt, "reopenedAt");
    }
}
