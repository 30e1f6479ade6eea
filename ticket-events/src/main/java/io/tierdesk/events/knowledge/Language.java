package io.tierdesk.events.knowledge;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.tierdesk.events.WireNames;

/** The language an article is written in. */
public enum Language {
    RU, EN;

    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    @JsonCreator
    public static Language fromWire(String value) {
        return WireNames.parse(Language.class, value);
    }
}
