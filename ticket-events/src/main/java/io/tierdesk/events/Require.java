package io.tierdesk.events;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks used by event records' compact constructors, so an invalid event cannot be built or read. A violation is an
 * {@link InvalidEventException} naming the field: a request that would build such an event is answered 400, a record
 * that decodes to one is dead-lettered as invalid.
 */
public final class Require {
    private Require() {
    }

    public static <T> T present(T value, String field) {
        if (value == null) {
            throw violation(field, field + " is required");
        }
        return value;
    }

    public static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw violation(field, field + " is required and must not be blank");
        }
        return value;
    }

    /**
     * One line of text as people read it: each run of control characters (line breaks, tabs, escapes, bells) becomes
     * one space and the ends are trimmed. For subjects and names, which are shown in lists, mail headers and logs.
     */
    public static String singleLine(String value) {
        return value == null ? null : CONTROL.matcher(value).replaceAll(" ").strip();
    }

    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}+");

    public static <T> List<T> list(List<T> value) {
        return value == null ? List.of() : List.copyOf(value);
    }

    public static int between(int value, int min, int max, String field) {
        if (value < min || value > max) {
            throw violation(field, field + " must be between " + min + " and " + max + ": " + value);
        }
        return value;
    }

    public static InvalidEventException violation(String field, String message) {
        return new InvalidEventException(InvalidEventException.Kind.INVALID_PAYLOAD, field, message);
    }
}
