package io.tierdesk.events.ticket;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.tierdesk.events.WireNames;

/** How urgent the customer says the request is (the urgency axis of the ITIL priority matrix). */
public enum Urgency {
    LOW, MEDIUM, HIGH, CRITICAL;

    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    @JsonCreator
    public static Urgency fromWire(String value) {
        return WireNames.parse(Urgency.class, value);
    }
}
