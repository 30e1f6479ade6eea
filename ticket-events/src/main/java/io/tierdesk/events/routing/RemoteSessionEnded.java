package io.tierdesk.events.routing;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.UUID;

/** The remote-access session is over; {@code summary} what was done in it. */
public record RemoteSessionEnded(UUID ticketId, UUID sessionId, String summary, String by, Instant endedAt)
        implements FieldWork {
    public RemoteSessionEnded {
        Require.present(ticketId, "ticketId");
        Require.present(sessionId, "sessionId");
        Require.present(endedAt, "endedAt");
    }
}
