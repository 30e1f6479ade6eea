package io.tierdesk.events.sla;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.UUID;

/** An SLA clock event: the due time passed. */
public record SlaBreached(UUID ticketId, String clock, Instant dueAt, Instant at) implements SlaEvent {
    public SlaBreached {
        Require.present(ticketId, "ticketId");
        Require.text(clock, "clock");
        Require.present(at, "at");
    }
}
