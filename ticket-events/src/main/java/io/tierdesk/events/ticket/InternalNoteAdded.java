package io.tierdesk.events.ticket;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.UUID;

/** A note for the support lines only; the customer never sees it. */
public record InternalNoteAdded(UUID ticketId, String agentId, String note, Instant addedAt) implements TicketEvent {
    public InternalNoteAdded {
        Require.present(ticketId, "ticketId");
        Require.text(agentId, "agentId");
        Require.text(note, "note");
        Require.present(addedAt, "addedAt");
    }
}
