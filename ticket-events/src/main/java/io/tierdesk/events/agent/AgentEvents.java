package io.tierdesk.events.agent;

import io.tierdesk.events.EventType;
import io.tierdesk.events.Topics;
import java.util.List;

/** The type names of the agent stream. */
public final class AgentEvents {
    public static final EventType<AgentRegistered> REGISTERED = type("registered", AgentRegistered.class);
    public static final EventType<AgentChanged> CHANGED = type("changed", AgentChanged.class);
    public static final EventType<AgentPresenceChanged> PRESENCE_CHANGED =
            type("presence-changed", AgentPresenceChanged.class);

    public static final List<EventType<? extends AgentEvent>> ALL = List.of(REGISTERED, CHANGED, PRESENCE_CHANGED);

    private AgentEvents() {
    }

    private static <T extends AgentEvent> EventType<T> type(String name, Class<T> javaType) {
        return new EventType<>("tierdesk.agent." + name + ".v1", javaType, Topics.AGENTS);
    }
}
