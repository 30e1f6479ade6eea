package io.tierdesk.events.routing;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.UUID;

/** The visit is over, with how it ended and what the engineer noted. */
public record VisitCompleted(UUID ticketId, UUID visitId, VisitOutcome outcome, String note, String by,
        Instant completedAt) implements FieldWork {
    public VisitCompleted {
        Require.present(ticketId, "ticketId");
        Require.present(visitId, "visitId");
        Require.present(outcome, "outcome");
        Require.present(completedAt, "completedAt");
    }
}
