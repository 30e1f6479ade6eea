package io.tierdesk.eventing.store;

import java.time.Instant;
import java.util.UUID;

/** An event as read back from the event table, with its decoded payload. */
public record StoredEvent<T>(long position, UUID eventId, String streamId, long version, String type, T payload,
        String actor, String correlationId, String causationId, Instant occurredAt) {
}
