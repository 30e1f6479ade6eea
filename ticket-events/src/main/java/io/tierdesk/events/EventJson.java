package io.tierdesk.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.time.Duration;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.UUID;

/**
 * The one JSON form of event payloads. Readers ignore fields they do not know, so a producer may add optional
 * fields without a new version; a missing required field fails in the record's constructor.
 */
public final class EventJson {
    private static final ObjectMapper MAPPER = configure(new ObjectMapper());

    private EventJson() {
    }

    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule()).registerModule(textRules())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
                .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
    }

    /**
     * Rules for every text read: U+0000 is refused, naming the field — PostgreSQL stores no NUL in text or jsonb, so
     * taking it in would fail later as a statement (a server error, or a consumer's retries and dead letter).
     */
    public static Module textRules() {
        return new SimpleModule("tierdesk-text").addDeserializer(String.class, new StringDeserializer() {
            @Override
            public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                String text = super.deserialize(p, ctxt);
                if (text != null && text.indexOf('\u0000') >= 0) {
                    throw JsonMappingException.from(p, "must not contain the NUL character (U+0000)");
                }
                return text;
            }
        });
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
                    cause instanceof InvalidEventException ? cause.getMessage() : withoutTypes(cause.getMessage()), e);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(InvalidEventException.Kind.INVALID_PAYLOAD,
                    e instanceof JsonMappingException m ? path(m) : "data", describe(e), e);
        } catch (IOException | RuntimeException e) {
            throw new InvalidEventException(InvalidEventException.Kind.INVALID_PAYLOAD, "data",
                    withoutTypes(e.getMessage()), e);
        }
    }

    /**
     * What is wrong with a JSON body, for the caller: the field's expected kind of value, never the Java type the
     * service happens to read it into.
     */
    public static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "'";
        }
        if (e instanceof MismatchedInputException mismatch
                && mismatch.getTargetType() != null) {
            return "must be " + expected(mismatch.getTargetType());
        }
        if (e instanceof JsonParseException parse) {
            return "not valid JSON: " + withoutTypes(parse.getOriginalMessage());
        }
        return withoutTypes(e.getOriginalMessage());
    }

    private static String expected(Class<?> type) {
        if (type == UUID.class) {
            return "a UUID (8-4-4-4-12 hexadecimal digits)";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "a whole number in range";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "a date or time in ISO 8601";
        }
        if (type == Duration.class) {
            return "a duration in ISO 8601 (PT4H)";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> { try {
                            return String.valueOf(type.getMethod("wireName").invoke(c));
                        } catch (ReflectiveOperationException noWireName) {
                            return c.toString().toLowerCase(Locale.ROOT);
                        } }).toList();
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "an object";
    }

    /** A message with the Java types Jackson names in it (`java.util.UUID`) left out. */
    public static String withoutTypes(String message) {
        return message == null ? "unreadable" : message.replaceAll("`[\\w.$\\[\\]<>, ]+`", "value");
    }

    private static String path(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
        return path.isEmpty() ? "data" : path;
    }
}
