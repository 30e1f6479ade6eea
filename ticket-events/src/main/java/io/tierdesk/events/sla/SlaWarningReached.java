package io.tierdesk.events.sla;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.UUID;

/**
 * An SLA clock event: {@code threshold} (a fraction) of the target is used up; {@code dueAt} is the clock's due time,
 * {@code warningDueAt} when the threshold was reached.
 */
public record SlaWarningReached(UUID ticketId, String clock, Instant dueAt, Instant at, Double threshold, Instant warningDueAt, SlaTerms terms) implements SlaEvent {
    public SlaWarningReached {
        Require.present(ticketId, "ticketId");
        Require.text(clock, "clock");
        Require.present(at, "at");
    }

    /** The form without the clock's terms. */
    public SlaWarningReached(UUID ticketId, String clock, Instant dueAt, Instant at) {
        this(ticketId, clock, dueAt, at, null, null, null);
    }
}
