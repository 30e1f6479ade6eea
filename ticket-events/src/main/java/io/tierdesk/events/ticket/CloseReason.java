package io.tierdesk.events.ticket;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.tierdesk.events.WireNames;

/** Why a ticket closed. */
public enum CloseReason {
    CONFIRMED, AUTO_CLOSED, AGENT;

    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    @JsonCreator
    public static CloseReason fromWire(String value) {
        return WireNames.parse(CloseReason.class, value);
    }
}
