package io.tierdesk.events.ticket;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.tierdesk.events.WireNames;

/** The customer's support plan; it decides the SLA a ticket runs under. */
public enum SupportPlan {
    WARRANTY, POST_WARRANTY, PREMIUM, SELF_SERVICE;

    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    @JsonCreator
    public static SupportPlan fromWire(String value) {
        return WireNames.parse(SupportPlan.class, value);
    }
}
