package io.tierdesk.events.sla;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.UUID;

/** An SLA clock event: the due time passed. {@code at} is when it was announced (later than dueAt after downtime). */
public record SlaBreached(UUID ticketId, String clock, Instant dueAt, Instant at, SlaTerms terms) implements SlaEvent {
    public SlaBreached {
        Require.present(ticketId, "ticketId");
        Require.text(clock, "clock");
        Require.present(at, "at");
    }

    /** The form without the clock's terms. */
    public SlaBreached(UUID ticketId, String clock, Instant dueAt, Instant at) {
        this(ticketId, clock, dueAt, at, null);
    }
}
