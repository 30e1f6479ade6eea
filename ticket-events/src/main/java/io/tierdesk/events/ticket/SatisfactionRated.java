package io.tierdesk.events.ticket;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.UUID;

/** The customer rated the support they got, 1 (worst) to 5 (best). */
public record SatisfactionRated(UUID ticketId, int rating, String comment, Instant ratedAt) implements TicketEvent {
    public SatisfactionRated {
        Require.present(ticketId, "ticketId");
        Require.between(rating, 1, 5, "rating");
        Require.present(ratedAt, "ratedAt");
    }
}
