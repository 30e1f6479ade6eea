package io.tierdesk.events.sla;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.UUID;

/** An SLA clock event: the clock stopped while the ticket waits for the customer. */
public record SlaClockPaused(UUID ticketId, String clock, Instant dueAt, Instant at, SlaTerms terms) implements SlaEvent {
    public SlaClockPaused {
        Require.present(ticketId, "ticketId");
        Require.text(clock, "clock");
        Require.present(at, "at");
    }

    /** The form without the clock's terms. */
    public SlaClockPaused(UUID ticketId, String clock, Instant dueAt, Instant at) {
        this(ticketId, clock, dueAt, at, null);
    }
}
