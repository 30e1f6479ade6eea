package io.tierdesk.knowledge.domain;

import java.util.Arrays;
import java.util.Locale;

/** Where an article's latest version stands in review. */
public enum ArticleState {
    DRAFT, IN_REVIEW, PUBLISHED, RETIRED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The state named on the wire, or null for none of them. */
    public static ArticleState fromWire(String wire) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(wire)).findFirst().orElse(null);
    }
}
