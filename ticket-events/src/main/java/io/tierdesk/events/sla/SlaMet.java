package io.tierdesk.events.sla;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.UUID;

/** An SLA clock event: the target was reached in time. */
public record SlaMet(UUID ticketId, String clock, Instant dueAt, Instant at, SlaTerms terms) implements SlaEvent {
    public SlaMet {
        Require.present(ticketId, "ticketId");
        Require.text(clock, "clock");
        Require.present(at, "at");
    }

    /** The form without the clock's terms. */
    public SlaMet(UUID ticketId, String clock, Instant dueAt, Instant at) {
        this(ticketId, clock, dueAt, at, null);
    }
}
