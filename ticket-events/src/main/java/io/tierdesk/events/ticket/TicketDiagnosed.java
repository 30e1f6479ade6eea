package io.tierdesk.events.ticket;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.UUID;

/** L1 recorded what it found: diagnostics and the category that routing maps to a skill. */
public record TicketDiagnosed(UUID ticketId, String agentId, Diagnostics diagnostics, String category,
        Instant diagnosedAt) implements TicketEvent {
    public TicketDiagnosed {
        Require.present(ticketId, "ticketId");
        Require.text(agentId, "agentId");
        Require.present(diagnosedAt, "diagnosedAt");
        diagnostics = diagnostics == null ? Diagnostics.NONE : diagnostics;
    }
}
