package io.tierdesk.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** CloudEvents' HTTP protocol binding: structured ({@code application/cloudevents+json}), binary, and batch modes. */
public final class HttpBinding {
    public static final String STRUCTURED = "application/cloudevents+json";
    public static final String BATCH = "application/cloudevents-batch+json";

    private HttpBinding() {
    }

    public static boolean isStructured(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(STRUCTURED);
    }

    public static boolean isBatch(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(BATCH);
    }

    /**
     * Binary mode: attributes in {@code ce-*} headers ({@code header} answers by lower-case name), data is the body.
     * JSON data is kept in the one form Jackson writes, as structured and batch mode keep it: the same event posted
     * in either mode carries the same bytes (whitespace and escapes do not count), so receivers may compare or hash
     * them as they are. A body that is not JSON is kept as it came, for the receiver to reject.
     */
    public static CloudEvent binary(Function<String, String> header, String contentType, byte[] body) {
        requireSpecVersion(header.apply("ce-specversion"), "ce-specversion");
        return new CloudEvent(header.apply("ce-id"), header.apply("ce-source"), header.apply("ce-type"),
                header.apply("ce-subject"), CloudEvent.parseTime(header.apply("ce-time")), contentType,
                isJson(contentType) ? canonical(body) : body);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT).split(";", 2)[0].strip();
        return type.equals(CloudEvent.JSON) || type.endsWith("+json");
    }

    private static byte[] canonical(byte[] json) {
        try {
            JsonNode node = EventJson.mapper().readTree(json);
            return node == null ? json : EventJson.mapper().writeValueAsBytes(node);
        } catch (IOException e) {
            return json;
        }
    }

    /** Structured mode: one JSON object holding attributes and data. */
    public static CloudEvent structured(byte[] body) {
        return fromJson(parse(body), "");
    }

    /**
     * Batch mode: a JSON array of structured events. Each entry is parsed on its own, so one bad entry does not
     * spoil its neighbours: a bad one comes back as its {@link InvalidEventException}.
     */
    public static List<Object> batch(byte[] body) {
        JsonNode root = parse(body);
        if (!root.isArray()) {
            throw new InvalidEventException(InvalidEventException.Kind.NOT_A_CLOUDEVENT, "body",
                    "a batch must be a JSON array of CloudEvents");
        }
        List<Object> events = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            try {
                events.add(fromJson(root.get(i), "[" + i + "]."));
            } catch (InvalidEventException e) {
                events.add(e);
            }
        }
        return events;
    }

    private static CloudEvent fromJson(JsonNode node, String path) {
        if (!(node instanceof ObjectNode event)) {
            throw new InvalidEventException(InvalidEventException.Kind.NOT_A_CLOUDEVENT, path + "event",
                    "a CloudEvent must be a JSON object");
        }
        requireSpecVersion(text(event, "specversion"), path + "specversion");
        String contentType = text(event, "datacontenttype");
        byte[] data;
        if (event.hasNonNull("data_base64")) {
            data = Base64.getDecoder().decode(event.get("data_base64").asText());
        } else if (event.has("data")) {
            JsonNode value = event.get("data");
            data = value.isTextual() && !isJson(contentType) ? value.asText().getBytes(StandardCharsets.UTF_8)
                    : write(value);
        } else {
            data = new byte[0];
        }
        try {
            return new CloudEvent(text(event, "id"), text(event, "source"), text(event, "type"), text(event, "subject"),
                    CloudEvent.parseTime(text(event, "time")), contentType, data);
        } catch (InvalidEventException e) {
            throw new InvalidEventException(e.kind(), path + e.field(), e.getMessage());
        }
    }

    private static void requireSpecVersion(String value, String field) {
        if (!CloudEvent.SPEC_VERSION.equals(value)) {
            throw new InvalidEventException(InvalidEventException.Kind.NOT_A_CLOUDEVENT, field,
                    value == null ? "not a CloudEvent: " + field + " is missing"
                            : "unsupported CloudEvents specversion '" + value + "'");
        }
    }

    private static String text(ObjectNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static byte[] write(JsonNode value) {
        try {
            return EventJson.mapper().writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("a parsed JSON tree could not be written", e);
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = EventJson.mapper().readTree(body);
            if (node == null) {
                throw new InvalidEventException(InvalidEventException.Kind.NOT_A_CLOUDEVENT, "body", "the body is empty");
            }
            return node;
        } catch (IOException e) {
            throw new InvalidEventException(InvalidEventException.Kind.NOT_A_CLOUDEVENT, "body",
                    "the body is not JSON: " + e.getMessage());
        }
    }
}
