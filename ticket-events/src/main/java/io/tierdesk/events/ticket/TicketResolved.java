package io.tierdesk.events.ticket;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.UUID;

/** An agent gave a solution; the ticket waits for the customer's confirmation. */
public record TicketResolved(UUID ticketId, String agentId, String solutionSummary, UUID articleId,
        Instant resolvedAt) implements TicketEvent {
    public TicketResolved {
        Require.present(ticketId, "ticketId");
        Require.text(agentId, "agentId");
        Require.text(solutionSummary, "solutionSummary");
        Require.present(resolvedAt, "resolvedAt");
    }
}
