package io.tierdesk.events;

import java.time.Instant;
import java.util.Objects;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * A CloudEvents 1.0 event as Tierdesk moves it: the required attributes, the two optional ones every Tierdesk event
 * carries (subject = stream id, time) and the data as bytes of {@code dataContentType}.
 */
public record CloudEvent(String id, String source, String type, String subject, Instant time, String dataContentType,
        byte[] data) {
    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";

    /** Longest attribute: id and source are a sender's idempotency key, kept and indexed. */
    public static final int LONGEST_ATTRIBUTE = 500;

    public CloudEvent {
        require(id, "id");
        require(source, "source");
        require(type, "type");
        bounded(id, "id");
        bounded(source, "source");
        bounded(type, "type");
        bounded(subject, "subject");
        dataContentType = dataContentType == null ? JSON : dataContentType;
    }

    private static void require(String value, String attribute) {
        if (value == null || value.isEmpty()) {
            throw new InvalidEventException(InvalidEventException.Kind.NOT_A_CLOUDEVENT, attribute,
                    "CloudEvents attribute '" + attribute + "' is required");
        }
    }

    private static void bounded(String value, String attribute) {
        if (value != null && value.length() > LONGEST_ATTRIBUTE) {
            throw new InvalidEventException(InvalidEventException.Kind.NOT_A_CLOUDEVENT, attribute,
                    "CloudEvents attribute '" + attribute + "' has at most " + LONGEST_ATTRIBUTE + " characters, had "
                            + value.length());
        }
        // Attributes are stored and indexed (the idempotency key); PostgreSQL's text cannot hold U+0000.
        if (value != null && value.indexOf('\u0000') >= 0) {
            throw new InvalidEventException(InvalidEventException.Kind.NOT_A_CLOUDEVENT, attribute,
                    "CloudEvents attribute '" + attribute + "' must not contain the character U+0000");
        }
    }

    /** Reads the {@code time} attribute (RFC 3339); null stays null, anything else is not a CloudEvent. */
    public static Instant parseTime(String value) {
        try {
            return value == null ? null : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidEventException(InvalidEventException.Kind.NOT_A_CLOUDEVENT, "time",
                    "CloudEvents attribute 'time' is not an RFC 3339 timestamp: " + value);
        }
    }

    /** Builds the CloudEvent for a typed Tierdesk event. */
    public static <T> CloudEvent of(String id, String source, String subject, Instant time, T event) {
        EventType<?> type = EventCatalog.of(event.getClass());
        return new CloudEvent(id, source, type.ceType(), subject, time, JSON, EventJson.write(event));
    }

    /** Reads the data as the event its type names; unknown types and invalid data are {@link InvalidEventException}. */
    public Object decode() {
        if (!EventCatalog.isKnown(type)) {
            throw new InvalidEventException(InvalidEventException.Kind.UNKNOWN_TYPE, "type",
                    "unknown event type '" + type + "'");
        }
        if (!dataContentType.startsWith(JSON)) {
            throw new InvalidEventException(InvalidEventException.Kind.INVALID_PAYLOAD, "datacontenttype",
                    "data must be " + JSON + ", was " + dataContentType);
        }
        return EventCatalog.decode(type, data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CloudEvent other && id.equals(other.id) && source.equals(other.source)
                && type.equals(other.type) && Objects.equals(subject, other.subject)
                && Objects.equals(time, other.time) && dataContentType.equals(other.dataContentType)
                && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, source, type, subject, time, dataContentType, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "CloudEvent[id=" + id + ", source=" + source + ", type=" + type + ", subject=" + subject + "]";
    }
}
