package io.tierdesk.events;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.Arrays;

/**
 * One kind of event: its CloudEvents type ({@code tierdesk.<aggregate>.<event>.v<N>}), the record that carries it
 * and the topic it travels on.
 */
public record EventType<T>(String ceType, Class<T> javaType, String topic) {
    private static final Pattern CE_TYPE = Pattern.compile("tierdesk\\.[a-z-]+\\.[a-z-]+(\\.[a-z-]+)*\\.v[0-9]+");

    public EventType {
        Objects.requireNonNull(javaType, "javaType");
        Objects.requireNonNull(topic, "topic");
        if (ceType == null || !CE_TYPE.matcher(ceType).matches()) {
            throw new IllegalArgumentException("event type must look like tierdesk.<aggregate>.<event>.v<N>: " + ceType);
        }
    }

    /** The event name without aggregate and version, e.g. {@code opened}. */
    public String eventName() {
        String[] parts = ceType.split("\\.");
        return String.join(".", Arrays.copyOfRange(parts, 2, parts.length - 1));
    }
}
