package io.tierdesk.events.routing;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.UUID;

/** An agent connected to the customer's machine: with which tool, under which session reference. */
public record RemoteSessionStarted(UUID ticketId, UUID sessionId, String tool, String reference, String by,
        Instant startedAt) implements FieldWork {
    public RemoteSessionStarted {
        Require.present(ticketId, "ticketId");
        Require.present(sessionId, "sessionId");
        Require.text(tool, "tool");
        Require.present(startedAt, "startedAt");
    }
}
