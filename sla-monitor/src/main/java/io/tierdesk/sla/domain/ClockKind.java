package io.tierdesk.sla.domain;

import java.util.Arrays;

/** The clocks a ticket can have: three the customer's plan keeps, two a vendor's agreement keeps at L4. */
public enum ClockKind {
    /** From opening to the first public word of an agent. */
    FIRST_RESPONSE("first-response"),
    /** From a customer's message that follows an agent's public message, to the next one. */
    NEXT_REPLY("next-reply"),
    /** From opening to resolution, paused while the ticket waits for the customer. */
    RESOLUTION("resolution"),
    /** From the first booking of an on-site visit to the engineer's arrival (plans whose policy sets a target). */
    ON_SITE("on-site"),
    /** From the escalation to L4 to the vendor's first answer on its case. */
    VENDOR_RESPONSE("vendor-response"),
    /** From the escalation to L4 to the vendor saying the case is resolved; a return from L4 stops it. */
    VENDOR_RESOLUTION("vendor-resolution");

    private final String wireName;

    ClockKind(String wireName) {
        this.wireName = wireName;
    }

    /** Met by the ticket's resolution; the others stop there, their own event having not come. */
    public boolean metByResolution() {
        return this == FIRST_RESPONSE || this == NEXT_REPLY || this == RESOLUTION;
    }

    /** Kept by a vendor's agreement, on its calendar, rather than by the customer's plan. */
    public boolean vendor() {
        return this == VENDOR_RESPONSE || this == VENDOR_RESOLUTION;
    }

    public String wireName() {
        return wireName;
    }

    public static ClockKind fromWire(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown clock '" + name + "'"));
    }
}
