package io.tierdesk.eventing.inbox;

import io.tierdesk.events.CloudEvent;
import java.time.Instant;

/** A typed event as a consumer receives it, with its CloudEvents envelope (id, source, subject, time). */
public record Delivered<T>(CloudEvent envelope, T event) {
    public String eventId() {
        return envelope.id();
    }

    public Instant time() {
        return envelope.time();
    }
}
