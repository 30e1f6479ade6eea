package io.tierdesk.events;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * CloudEvents' Kafka protocol binding, binary content mode: attributes in {@code ce_*} headers, the data as the record
 * value, the content type in {@code content-type}. Kept free of Kafka types so contracts stay a plain library.
 */
public final class KafkaBinding {
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String TYPE = "ce_type";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String CONTENT_TYPE = "content-type";

    private KafkaBinding() {
    }

    public static Map<String, byte[]> headers(CloudEvent event) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put(SPEC_VERSION, bytes(CloudEvent.SPEC_VERSION));
        headers.put(ID, bytes(event.id()));
        headers.put(SOURCE, bytes(event.source()));
        headers.put(TYPE, bytes(event.type()));
        if (event.subject() != null) {
            headers.put(SUBJECT, bytes(event.subject()));
        }
        if (event.time() != null) {
            headers.put(TIME, bytes(event.time().toString()));
        }
        headers.put(CONTENT_TYPE, bytes(event.dataContentType()));
        return headers;
    }

    /** Reads a record in binary mode; {@code header} answers a header's last value or null. */
    public static CloudEvent read(Function<String, byte[]> header, byte[] value) {
        String specVersion = string(header.apply(SPEC_VERSION));
        if (!CloudEvent.SPEC_VERSION.equals(specVersion)) {
            throw new InvalidEventException(InvalidEventException.Kind.NOT_A_CLOUDEVENT, "specversion",
                    specVersion == null ? "not a CloudEvent: header " + SPEC_VERSION + " is missing"
                            : "unsupported CloudEvents specversion '" + specVersion + "'");
        }
        return new CloudEvent(string(header.apply(ID)), string(header.apply(SOURCE)), string(header.apply(TYPE)),
                string(header.apply(SUBJECT)), CloudEvent.parseTime(string(header.apply(TIME))),
                string(header.apply(CONTENT_TYPE)), value);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
}
