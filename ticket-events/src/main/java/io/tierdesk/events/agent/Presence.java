package io.tierdesk.events.agent;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.tierdesk.events.WireNames;

/** Whether an agent takes new tickets: only online agents are assigned automatically. */
public enum Presence {
    ONLINE, AWAY, OFFLINE;

    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    @JsonCreator
    public static Presence fromWire(String value) {
        return WireNames.parse(Presence.class, value);
    }
}
