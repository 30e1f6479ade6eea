package io.tierdesk.events.ticket;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.tierdesk.events.WireNames;

/**
 * Where a request came in; {@code walk-in}: the customer came to the desk and an agent registered it;
 * {@code monitoring}: a monitored system or the manufacturer reported a failure.
 */
public enum Channel {
    EMAIL, WEB, CHAT, PHONE, MESSENGER, PORTAL, API, WALK_IN, MONITORING;

    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    @JsonCreator
    public static Channel fromWire(String value) {
        return WireNames.parse(Channel.class, value);
    }
}
