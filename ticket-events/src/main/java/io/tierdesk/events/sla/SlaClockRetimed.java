package io.tierdesk.events.sla;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.UUID;

/**
 * An SLA clock event: the clock's due time moved although it kept running, because its terms changed: a new priority
 * (re-timed from the clock's start), or a change of its calendar (a holiday added). {@code reason} says which.
 */
public record SlaClockRetimed(UUID ticketId, String clock, Instant dueAt, Instant previousDueAt, String reason,
        Instant at, SlaTerms terms) implements SlaEvent {
    public SlaClockRetimed {
        Require.present(ticketId, "ticketId");
        Require.text(clock, "clock");
        Require.text(reason, "reason");
        Require.present(at, "at");
    }
}
