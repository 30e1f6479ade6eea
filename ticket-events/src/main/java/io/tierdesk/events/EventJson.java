package io.tierdesk.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * The one JSON form of event payloads. Readers ignore fields they do not know, so a producer may add optional
 * fields without a new version; a missing required field fails in the record's constructor.
 */
public final class EventJson {
    private static final ObjectMapper MAPPER = configure(new ObjectMapper());

    private EventJson() {
    }

    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
                .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] write(Object event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new IllegalArgumentException("event cannot be written as JSON: " + event.getClass().getName(), e);
        }
    }

    /** Reads a payload; anything unreadable or invalid is an {@link InvalidEventException} naming the cause. */
    public static <T> T read(byte[] json, Class<T> type) {
        if (json == null || json.length == 0) {
            throw new InvalidEventException(InvalidEventException.Kind.INVALID_PAYLOAD, "data", "event data is empty");
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            // A record's own check names the field it refused: the answer names it too, under the record's path.
            String field = path(e);
            if (cause instanceof InvalidEventException invalid && invalid.field() != null) {
                field = field.equals("data") ? invalid.field() : field + "." + invalid.field();
            }
            throw new InvalidEventException(InvalidEventException.Kind.INVALID_PAYLOAD, field,
                    type.getSimpleName() + ": " + cause.getMessage(), e);
        } catch (JsonMappingException e) {
            throw new InvalidEventException(InvalidEventException.Kind.INVALID_PAYLOAD, path(e),
                    type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new InvalidEventException(InvalidEventException.Kind.INVALID_PAYLOAD, "data",
                    type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static String path(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
        return path.isEmpty() ? "data" : path;
    }
}
