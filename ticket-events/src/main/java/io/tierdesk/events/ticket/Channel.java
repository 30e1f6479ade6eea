package io.tierdesk.events.ticket;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** Where a request came in. */
public enum Channel {
    EMAIL, WEB, CHAT, PHONE, MESSENGER, PORTAL, API;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Channel fromWire(String value) {
        return Arrays.stream(values()).filter(c -> c.wireName().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown channel: " + value));
    }
}
