package io.tierdesk.eventing.api;

import io.tierdesk.eventing.domain.Rejection;
import jakarta.ws.rs.core.EntityTag;

/** A version (of a ticket's stream, an article's text) as an HTTP entity tag: {@code ETag: "7"}, {@code If-Match: "7"}. */
public final class Versions {
    private Versions() {
    }

    public static EntityTag etag(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** The version an If-Match names, or null without the header; a malformed one is 400. */
    public static Long parseIfMatch(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String value = ifMatch.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw Rejection.invalid("If-Match", "must be a version such as \"3\", was " + ifMatch);
        }
    }
}
