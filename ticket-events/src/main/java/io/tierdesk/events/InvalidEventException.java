package io.tierdesk.events;

/** A record or request that cannot become a typed event. The kind travels to the dead-letter topic as its reason. */
public class InvalidEventException extends RuntimeException {
    public enum Kind {
        /** The envelope misses a required CloudEvents attribute or breaks its format. */
        NOT_A_CLOUDEVENT("not-a-cloudevent"),
        /** The envelope is fine but no event of that type exists. */
        UNKNOWN_TYPE("unknown-type"),
        /** The data cannot be read as the type's record, or breaks its rules. */
        INVALID_PAYLOAD("invalid-payload");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Kind kind;
    private final String field;

    public InvalidEventException(Kind kind, String field, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.field = field;
    }

    public InvalidEventException(Kind kind, String field, String message) {
        this(kind, field, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The attribute or payload field at fault, when one can be named. */
    public String field() {
        return field;
    }
}
