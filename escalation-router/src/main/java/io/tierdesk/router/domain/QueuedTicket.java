package io.tierdesk.router.domain;

import io.tierdesk.events.routing.Priority;
import io.tierdesk.events.routing.Tier;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;

/**
 * A ticket waiting in its line's queue, and the queue's order: the one definition, in Java for the decider and as
 * {@link #ORDER_BY} for every statement that lists or counts a queue (a test checks that both sort alike).
 */
public record QueuedTicket(UUID ticketId, Tier tier, String skill, Priority priority, Instant slaDueAt,
        Instant queuedAt) {

    /** Priority first, then the SLA due time (none last), then age; the id settles ties. */
    public static final Comparator<QueuedTicket> ORDER = Comparator
            .comparing(QueuedTicket::priority)
            .thenComparing(t -> t.slaDueAt() == null ? Instant.MAX : t.slaDueAt())
            .thenComparing(t -> t.queuedAt() == null ? Instant.MAX : t.queuedAt())
            // PostgreSQL orders uuids by their bytes, as their hex text sorts; UUID.compareTo compares signed halves.
            .thenComparing(t -> t.ticketId().toString());

    /** {@link #ORDER} over the columns of {@code routed_ticket}. */
    public static final String ORDER_BY = "priority, sla_due_at NULLS LAST, queued_at NULLS LAST, ticket_id";
}
