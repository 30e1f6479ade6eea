package io.tierdesk.events.sla;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.UUID;

/** An SLA clock event: the clock runs under a policy of the customer's plan. */
public record SlaClockStarted(UUID ticketId, String clock, String policy, Instant dueAt, Instant at, SlaTerms terms) implements SlaEvent {
    public SlaClockStarted {
        Require.present(ticketId, "ticketId");
        Require.text(clock, "clock");
        Require.present(at, "at");
    }

    /** The form without the clock's terms. */
    public SlaClockStarted(UUID ticketId, String clock, String policy, Instant dueAt, Instant at) {
        this(ticketId, clock, policy, dueAt, at, null);
    }
}
