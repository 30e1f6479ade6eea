package io.tierdesk.events.sla;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.UUID;

/** An SLA clock event: the clock runs again; the due time moved by the pause. */
public record SlaClockResumed(UUID ticketId, String clock, Instant dueAt, Instant at, SlaTerms terms) implements SlaEvent {
    public SlaClockResumed {
        Require.present(ticketId, "ticketId");
        Require.text(clock, "clock");
        Require.present(at, "at");
    }

    /** The form without the clock's terms. */
    public SlaClockResumed(UUID ticketId, String clock, Instant dueAt, Instant at) {
        this(ticketId, clock, dueAt, at, null);
    }
}
