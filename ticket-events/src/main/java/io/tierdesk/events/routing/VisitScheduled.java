package io.tierdesk.events.routing;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.UUID;

/** An engineer is booked for a window, on site (at {@code address}) or at the service centre. */
public record VisitScheduled(UUID ticketId, UUID visitId, VisitPlace place, String engineer, Instant from, Instant to,
        String address, String by, Instant scheduledAt) implements FieldWork {
    public VisitScheduled {
        Require.present(ticketId, "ticketId");
        Require.present(visitId, "visitId");
        Require.present(place, "place");
        Require.text(engineer, "engineer");
        Require.present(from, "from");
        Require.present(to, "to");
        Require.present(scheduledAt, "scheduledAt");
        if (!to.isAfter(from)) {
            throw Require.violation("to", "a visit ends after it starts");
        }
    }
}
