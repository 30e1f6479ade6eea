package io.tierdesk.events.ticket;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.UUID;

/** An agent asked the customer for information; the SLA clock pauses until the customer answers. */
public record TicketAwaitingCustomer(UUID ticketId, String agentId, String question, Instant askedAt)
        implements TicketEvent {
    public TicketAwaitingCustomer {
        Require.present(ticketId, "ticketId");
        Require.text(agentId, "agentId");
        Require.text(question, "question");
        Require.present(askedAt, "askedAt");
    }
}
