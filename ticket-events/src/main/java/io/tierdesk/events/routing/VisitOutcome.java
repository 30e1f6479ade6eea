package io.tierdesk.events.routing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.tierdesk.events.WireNames;

/** How a visit ended. */
public enum VisitOutcome {
    FIXED, NOT_FIXED, CUSTOMER_ABSENT;

    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    @JsonCreator
    public static VisitOutcome fromWire(String value) {
        return WireNames.parse(VisitOutcome.class, value);
    }
}
