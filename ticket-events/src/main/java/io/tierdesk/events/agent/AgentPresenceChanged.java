package io.tierdesk.events.agent;

import io.tierdesk.events.Require;
import java.time.Instant;

/** An agent came online, went away or offline; {@code by} is the agent or their supervisor. */
public record AgentPresenceChanged(String agentId, Presence presence, String by, Instant changedAt)
        implements AgentEvent {
    public AgentPresenceChanged {
        Require.text(agentId, "agentId");
        Require.present(presence, "presence");
        Require.present(changedAt, "changedAt");
    }
}
