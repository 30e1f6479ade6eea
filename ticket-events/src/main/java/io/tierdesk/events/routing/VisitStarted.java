package io.tierdesk.events.routing;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.UUID;

/** The engineer arrived (on site) or took the equipment in (service centre): the visit has begun. */
public record VisitStarted(UUID ticketId, UUID visitId, String by, Instant startedAt) implements FieldWork {
    public VisitStarted {
        Require.present(ticketId, "ticketId");
        Require.present(visitId, "visitId");
        Require.present(startedAt, "startedAt");
    }
}
