package io.tierdesk.events.routing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.tierdesk.events.WireNames;

/** Where an engineer fixes it: at the customer's address, or with the equipment brought to the service centre. */
public enum VisitPlace {
    ON_SITE, SERVICE_CENTRE;

    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    @JsonCreator
    public static VisitPlace fromWire(String value) {
        return WireNames.parse(VisitPlace.class, value);
    }
}
