package io.tierdesk.router.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.tierdesk.events.WireNames;

/** How much of the customer's business a problem touches (the impact axis of the ITIL matrix). */
public enum Impact {
    CRITICAL, HIGH, MEDIUM, LOW;

    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    @JsonCreator
    public static Impact fromWire(String value) {
        return WireNames.parse(Impact.class, value);
    }
}
