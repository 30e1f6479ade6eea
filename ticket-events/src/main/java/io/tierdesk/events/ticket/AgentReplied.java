package io.tierdesk.events.ticket;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.UUID;

/** An agent answered the customer publicly. */
public record AgentReplied(UUID ticketId, String agentId, String body, Instant repliedAt) implements TicketEvent {
    public AgentReplied {
        Require.present(ticketId, "ticketId");
        Require.text(agentId, "agentId");
        Require.text(body, "body");
        Require.present(repliedAt, "repliedAt");
    }
}
