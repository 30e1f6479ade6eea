package io.tierdesk.eventing.domain;

import java.util.List;
import java.util.function.Function;

/**
 * Documented maxima for what callers send: every text field of every request has one, so nothing can grow an event
 * past what the broker takes. Each refusal names the field.
 */
public final class Limits {
    /** Names, e-mail addresses, ids chosen by people. */
    public static final int NAME = 200;
    /** Short reasons, categories, skills. */
    public static final int SHORT_TEXT = 500;
    /** Notes, comments, answers. */
    public static final int LONG_TEXT = 10_000;

    private Limits() {
    }

    /** At most {@code max} characters; null passes (whether it is required is the caller's rule). */
    public static String max(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw Rejection.invalid(field, "at most " + max + " characters, was " + value.length());
        }
        return value;
    }

    /** Present, not blank, and at most {@code max} characters. */
    public static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw Rejection.invalid(field, "is required");
        }
        return max(field, value, max);
    }

    /**
     * A value named by its wire name ({@code high}, {@code walk-in}), parsed by {@code parser}; null passes, an
     * unknown one is a 400 naming the field with the parser's list of what it takes.
     */
    public static <T> T parsed(String field, String value, Function<String, T> parser) {
        try {
            return value == null ? null : parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw Rejection.invalid(field, e.getMessage());
        }
    }

    /** At most {@code maxItems} items of at most {@code maxLength} characters each, none blank. */
    public static List<String> items(String field, List<String> values, int maxItems, int maxLength) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > maxItems) {
            throw Rejection.invalid(field, "at most " + maxItems + " items, was " + values.size());
        }
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value == null || value.isBlank() || value.length() > maxLength) {
                throw Rejection.invalid(field + "[" + i + "]", "must be 1 to " + maxLength + " characters");
            }
        }
        return values;
    }
}
