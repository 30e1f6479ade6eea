package io.tierdesk.eventing.relay;

import java.time.Instant;

/** A committed event the relay is about to publish. */
public record PendingEvent(long id, String transactionId, String eventId, String streamId, String type, String topic,
        byte[] payload, Instant occurredAt, Instant recordedAt) {
}
