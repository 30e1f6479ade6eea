package io.tierdesk.events.agent;

/** The stream {@code tierdesk.agents} (escalation-router), keyed by agent id. */
public sealed interface AgentEvent permits AgentRegistered, AgentChanged, AgentPresenceChanged {
    String agentId();
}
