package io.tierdesk.events.agent;

import io.tierdesk.events.Require;
import java.time.Instant;

/** An agent's profile changed (tier, skills, capacity, ...); the whole new profile is carried. */
public record AgentChanged(String agentId, AgentProfile profile, String by, Instant changedAt) implements AgentEvent {
    public AgentChanged {
        Require.text(agentId, "agentId");
        Require.present(profile, "profile");
        Require.present(changedAt, "changedAt");
    }
}
