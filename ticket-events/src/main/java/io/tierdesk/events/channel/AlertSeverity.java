package io.tierdesk.events.channel;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.tierdesk.events.WireNames;
import io.tierdesk.events.ticket.Urgency;

/** How bad a monitoring system says a failure is; it sets the ticket's urgency. */
public enum AlertSeverity {
    CRITICAL(Urgency.CRITICAL), MAJOR(Urgency.HIGH), MINOR(Urgency.MEDIUM), WARNING(Urgency.LOW);

    private final Urgency urgency;

    AlertSeverity(Urgency urgency) {
        this.urgency = urgency;
    }

    public Urgency urgency() {
        return urgency;
    }

    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    @JsonCreator
    public static AlertSeverity fromWire(String value) {
        return WireNames.parse(AlertSeverity.class, value);
    }
}
