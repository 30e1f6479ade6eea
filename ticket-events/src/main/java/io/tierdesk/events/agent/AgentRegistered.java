package io.tierdesk.events.agent;

import io.tierdesk.events.Require;
import java.time.Instant;

/** An agent joined the directory. */
public record AgentRegistered(String agentId, AgentProfile profile, String by, Instant registeredAt)
        implements AgentEvent {
    public AgentRegistered {
        Require.text(agentId, "agentId");
        Require.present(profile, "profile");
        Require.present(registeredAt, "registeredAt");
    }
}
