package io.tierdesk.eventing.domain;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * "The domain says no": the one way a command, a request or a consumed event is refused. It names the field (or
 * header, or rule) at fault, the reason, and what kind of no it is; the REST edge turns the kind into a status and an
 * {@code application/problem+json} body, and the inbox dead-letters a consumed event refused this way at once (a retry
 * cannot change the answer). Any other exception is a bug: a 500 with a logged reference at the edge, retried and
 * then dead-lettered as {@code handler-failed} by the inbox.
 *
 * <p>Plain Java on purpose: deciders throw it without knowing of HTTP or Kafka.
 */
public class Rejection extends RuntimeException {
    /** What kind of no; the edge maps each to one status (docs/decisions.md). */
    public enum Kind {
        /** The input is malformed or breaks a documented limit (400). */
        INVALID,
        /** The caller may not do this, whatever the state (403). */
        FORBIDDEN,
        /** The thing addressed does not exist (404). */
        NOT_FOUND,
        /** The state forbids it, or another writer got there first (409). */
        CONFLICT,
        /** A precondition the caller named (a version in If-Match) no longer holds (412). */
        PRECONDITION_FAILED,
        /** Well-formed and allowed in general, but not possible now or with what it refers to (422). */
        NOT_ALLOWED_NOW,
        /** The caller already holds as many of a bounded resource (open streams) as it may (429). */
        TOO_MANY
    }

    /** One field (or header, or rule) at fault and why. */
    public record Violation(String field, String reason) {
        public Violation {
            Objects.requireNonNull(reason, "reason");
        }
    }

    private final Kind kind;
    private final List<Violation> violations;
    private final String type;
    private final String title;

    /**
     * @param type  a short slug naming the problem, e.g. {@code invalid-transition}; null: the kind's own
     * @param title a human title; null: the kind's own
     */
    public Rejection(Kind kind, List<Violation> violations, String type, String title) {
        super(describe(violations));
        this.kind = Objects.requireNonNull(kind, "kind");
        this.violations = List.copyOf(violations);
        this.type = type;
        this.title = title;
    }

    public Rejection(Kind kind, String field, String reason, String type, String title) {
        this(kind, List.of(new Violation(field, reason)), type, title);
    }

    public static Rejection invalid(String field, String reason) {
        return new Rejection(Kind.INVALID, field, reason, null, null);
    }

    /** Several fields at once, e.g. every problem of a rule set. */
    public static Rejection invalid(List<Violation> violations) {
        return new Rejection(Kind.INVALID, violations, null, null);
    }

    public static Rejection forbidden(String rule, String reason) {
        return new Rejection(Kind.FORBIDDEN, rule, reason, null, null);
    }

    public static Rejection notFound(String field, String reason) {
        return new Rejection(Kind.NOT_FOUND, field, reason, null, null);
    }

    public static Rejection conflict(String field, String reason) {
        return new Rejection(Kind.CONFLICT, field, reason, null, null);
    }

    public static Rejection notAllowedNow(String field, String reason) {
        return new Rejection(Kind.NOT_ALLOWED_NOW, field, reason, null, null);
    }

    public Kind kind() {
        return kind;
    }

    public List<Violation> violations() {
        return violations;
    }

    /** The first field at fault; null when none can be named. */
    public String field() {
        return violations.isEmpty() ? null : violations.get(0).field();
    }

    /** The problem type's slug, or null for the kind's own. */
    public String type() {
        return type;
    }

    /** The problem's title, or null for the kind's own. */
    public String title() {
        return title;
    }

    private static String describe(List<Violation> violations) {
        return violations.stream().map(v -> v.field() == null ? v.reason() : v.field() + ": " + v.reason())
                .collect(Collectors.joining("; "));
    }
}
