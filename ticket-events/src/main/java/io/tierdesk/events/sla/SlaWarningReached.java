package io.tierdesk.events.sla;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.UUID;

/** An SLA clock event: most of the time is used up. */
public record SlaWarningReached(UUID ticketId, String clock, Instant dueAt, Instant at) implements SlaEvent {
    public SlaWarningReached {
        Require.present(ticketId, "ticketId");
        Require.text(clock, "clock");
        Require.present(at, "at");
    }
}
