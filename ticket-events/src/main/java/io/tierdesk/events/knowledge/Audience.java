package io.tierdesk.events.knowledge;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.tierdesk.events.WireNames;

/** Who may read an article: customers too (public), or agents only (internal). */
public enum Audience {
    PUBLIC, INTERNAL;

    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    @JsonCreator
    public static Audience fromWire(String value) {
        return WireNames.parse(Audience.class, value);
    }
}
