package io.tierdesk.sla.domain;

import java.util.Arrays;

/** The three clocks a ticket can have. */
public enum ClockKind {
    /** From opening to the first public word of an agent. */
    FIRST_RESPONSE("first-response"),
    /** From a customer's message that follows an agent's public message, to the next one. */
    NEXT_REPLY("next-reply"),
    /** From opening to resolution, paused while the ticket waits for the customer. */
    RESOLUTION("resolution");

    private final String wireName;

    ClockKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static ClockKind fromWire(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown clock '" + name + "'"));
    }
}
