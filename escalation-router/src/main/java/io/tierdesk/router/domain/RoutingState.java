package io.tierdesk.router.domain;

import io.tierdesk.events.WireNames;

/** Where a ticket stands for routing. */
public enum RoutingState {
    /** Waits in its line's queue. */
    QUEUED,
    /** Worked on by its assignee; counts as their load. */
    ASSIGNED,
    /** Resolved or waiting for the customer: keeps its assignee, but is no load. */
    INACTIVE,
    /** Done; nothing routes it again unless it reopens. */
    CLOSED;

    /** Queued or assigned: the ticket is in the lines, so it can move, breach and be reassigned. */
    public boolean active() {
        return this == QUEUED || this == ASSIGNED;
    }

    public String wireName() {
        return WireNames.of(this);
    }

    public static RoutingState fromWire(String value) {
        return WireNames.parse(RoutingState.class, value);
    }
}
