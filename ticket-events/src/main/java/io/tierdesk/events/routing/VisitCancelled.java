package io.tierdesk.events.routing;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.UUID;

/** A visit that will not take place; its engineer is free again. */
public record VisitCancelled(UUID ticketId, UUID visitId, String reason, String by, Instant cancelledAt)
        implements FieldWork {
    public VisitCancelled {
        Require.present(ticketId, "ticketId");
        Require.present(visitId, "visitId");
        Require.present(cancelledAt, "cancelledAt");
    }
}
