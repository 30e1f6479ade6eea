package io.tierdesk.events.knowledge;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.tierdesk.events.WireNames;

/** The language an article, a ticket or a notification is written in. */
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

    /** The language of a text by its letters: Russian when most are Cyrillic, else English; null without letters. */
    public static Language byLetters(String text) {
        long cyrillic = text.chars().filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.CYRILLIC)
                .count();
        long latin = text.chars().filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN).count();
        return cyrillic == 0 && latin == 0 ? null : cyrillic >= latin ? RU : EN;
    }
}
