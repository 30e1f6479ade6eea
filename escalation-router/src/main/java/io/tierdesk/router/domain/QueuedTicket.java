package io.tierdesk.router.domain;

import io.tierdesk.events.routing.Priority;
import io.tierdesk.events.routing.Tier;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;

/** A ticket waiting in its tier's queue. */
public record QueuedTicket(UUID ticketId, Tier tier, String skill, Priority priority, Instant slaDueAt,
        Instant queuedAt) {

    /** Queue order: priority, then the SLA due time (none last), then age. */
    public static final Comparator<QueuedTicket> ORDER = Comparator
            .comparing(QueuedTicket::priority)
            .thenComparing(t -> t.slaDueAt() == null ? Instant.MAX : t.slaDueAt())
            .thenComparing(QueuedTicket::queuedAt)
            .thenComparing(QueuedTicket::ticketId);
}
