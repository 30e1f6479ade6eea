package io.tierdesk.events.routing;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.UUID;

/** A visit moved to another window, or to another engineer. */
public record VisitRescheduled(UUID ticketId, UUID visitId, String engineer, Instant from, Instant to, String by,
        Instant rescheduledAt) implements FieldWork {
    public VisitRescheduled {
        Require.present(ticketId, "ticketId");
        Require.present(visitId, "visitId");
        Require.text(engineer, "engineer");
        Require.present(from, "from");
        Require.present(to, "to");
        Require.present(rescheduledAt, "rescheduledAt");
        if (!to.isAfter(from)) {
            throw Require.violation("to", "a visit ends after it starts");
        }
    }
}
