package io.tierdesk.events.ticket;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** The customer's support plan; it decides the SLA a ticket runs under. */
public enum SupportPlan {
    WARRANTY, POST_WARRANTY, PREMIUM, SELF_SERVICE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static SupportPlan fromWire(String value) {
        return Arrays.stream(values()).filter(p -> p.wireName().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown plan: " + value));
    }
}
