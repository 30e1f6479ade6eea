package io.tierdesk.events.ticket;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** How urgent the customer says the request is (the urgency axis of the ITIL priority matrix). */
public enum Urgency {
    LOW, MEDIUM, HIGH, CRITICAL;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Urgency fromWire(String value) {
        return Arrays.stream(values()).filter(u -> u.wireName().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown urgency: " + value));
    }
}
