package io.tierdesk.eventing.store;

import io.tierdesk.eventing.domain.Rejection;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a keyset-paged list stopped: the last row's sort key (as text) and its id, the tie-breaker. A page continues
 * after it, so rows changing between two pages are neither repeated nor skipped. Opaque to clients (base64url);
 * anything that is not one of these is {@code 400} naming {@code cursor}. The key travels as text: bind it as
 * {@code CAST(CAST(?n AS text) AS <type>)}, since a parameter cast straight to a time would be typed as one by the
 * driver, which then refuses the string.
 */
public record KeysetCursor(String key, UUID id) {
    public KeysetCursor {
        if (key == null || key.indexOf('\n') >= 0 || id == null) {
            throw new IllegalArgumentException("a cursor's key is one line of text and its id is set");
        }
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((key + "\n" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a list gave out, or null for none; anything else is a {@code 400} naming {@code cursor}. */
    public static KeysetCursor decode(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", 2);
            return new KeysetCursor(parts[0], UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw Rejection.invalid("cursor", "is not a cursor this list gave out");
        }
    }
}
