package io.tierdesk.eventing.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** An RFC 9457 problem detail; {@code errors} names each offending field. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";

    /** Longest text of a problem's detail or field message: a refusal quotes a value, it does not send it back. */
    static final int LONGEST_TEXT = 300;

    public record FieldError(String field, String message) {
    }

    /** This problem with each text cut to {@link #LONGEST_TEXT} characters. */
    public Problem bounded() {
        return new Problem(type, title, status, cut(detail), errors == null ? null
                : errors.stream().map(e -> new FieldError(cut(e.field()), cut(e.message()))).toList());
    }

    private static String cut(String text) {
        return text == null || text.length() <= LONGEST_TEXT ? text : text.substring(0, LONGEST_TEXT - 1) + "…";
    }
}
