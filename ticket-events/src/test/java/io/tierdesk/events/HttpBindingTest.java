package io.tierdesk.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

class HttpBindingTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void structuredModeCarriesAttributesAndJsonData() {
        CloudEvent event = HttpBinding.structured(bytes("{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"/mail\","
                + "\"type\":\"t.x\",\"subject\":\"s\",\"time\":\"2026-11-21T10:00:00+03:00\",\"data\":{\"a\":1}}"));
        assertThat(event.id()).isEqualTo("e1");
        assertThat(event.source()).isEqualTo("/mail");
        assertThat(event.time()).isEqualTo(Instant.parse("2026-11-21T07:00:00Z"));
        assertThat(new String(event.data(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        assertThat(event.dataContentType()).isEqualTo("application/json");
    }

    @Test
    void structuredModeReadsBase64Data() {
        String encoded = Base64.getEncoder().encodeToString(bytes("{\"b\":2}"));
        CloudEvent event = HttpBinding.structured(bytes("{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"/s\","
                + "\"type\":\"t\",\"data_base64\":\"" + encoded + "\"}"));
        assertThat(new String(event.data(), StandardCharsets.UTF_8)).isEqualTo("{\"b\":2}");
    }

    @Test
    void binaryModeReadsHeaders() {
        Map<String, String> headers = Map.of("ce-specversion", "1.0", "ce-id", "e2", "ce-source", "/chat",
                "ce-type", "t.y");
        CloudEvent event = HttpBinding.binary(headers::get, "application/json", bytes("{}"));
        assertThat(event.id()).isEqualTo("e2");
        assertThat(event.type()).isEqualTo("t.y");
        assertThat(event.time()).isNull();
    }

    @Test
    void oneEventCarriesTheSameDataBytesInEveryMode() {
        Map<String, String> headers = Map.of("ce-specversion", "1.0", "ce-id", "e3", "ce-source", "/chat",
                "ce-type", "t.y");
        CloudEvent binary = HttpBinding.binary(headers::get, "application/json; charset=utf-8",
                bytes("{ \"body\" :\n \"\\u041f\u0440\u0438\u0432\u0435\u0442\", \"n\": 1 }"));
        CloudEvent structured = HttpBinding.structured(bytes("{\"specversion\":\"1.0\",\"id\":\"e3\",\"source\":"
                + "\"/chat\",\"type\":\"t.y\",\"data\":{\"body\":\"\u041f\u0440\u0438\u0432\u0435\u0442\",\"n\":1}}"));
        CloudEvent batched = (CloudEvent) HttpBinding.batch(bytes("[{\"specversion\":\"1.0\",\"id\":\"e3\","
                + "\"source\":\"/chat\",\"type\":\"t.y\",\"data\":  {\"body\":\"\\u041f\u0440\u0438\u0432\u0435\u0442\",  "
                + "\"n\":1}}]")).get(0);
        assertThat(binary.data()).isEqualTo(structured.data()).isEqualTo(batched.data());
        assertThat(new String(binary.data(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"body\":\"\u041f\u0440\u0438\u0432\u0435\u0442\",\"n\":1}");
        CloudEvent notJson = HttpBinding.binary(headers::get, "application/json", bytes("{nope"));
        assertThat(new String(notJson.data(), java.nio.charset.StandardCharsets.UTF_8)).as("kept for the receiver to "
                + "reject").isEqualTo("{nope");
    }

    @Test
    void aBatchKeepsGoodEntriesAndReportsBadOnesInPlace() {
        List<Object> batch = HttpBinding.batch(bytes("[{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\","
                + "\"type\":\"t\"},{\"specversion\":\"1.0\",\"source\":\"/s\",\"type\":\"t\"},42]"));
        assertThat(batch).hasSize(3);
        assertThat(batch.get(0)).isInstanceOf(CloudEvent.class);
        assertThat(batch.get(1)).asInstanceOf(InstanceOfAssertFactories.throwable(InvalidEventException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo("[1].id"));
        assertThat(batch.get(2)).asInstanceOf(InstanceOfAssertFactories.throwable(InvalidEventException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo("[2].event"));
    }

    @Test
    void notJsonMissingSpecVersionAndBadTimeAreNotCloudEvents() {
        assertThatThrownBy(() -> HttpBinding.structured(bytes("{nope")))
                .asInstanceOf(InstanceOfAssertFactories.throwable(InvalidEventException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo("body"));
        assertThatThrownBy(() -> HttpBinding.structured(bytes("{\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\"}")))
                .asInstanceOf(InstanceOfAssertFactories.throwable(InvalidEventException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo("specversion"));
        assertThatThrownBy(() -> HttpBinding.binary(Map.of("ce-specversion", "1.0", "ce-id", "1", "ce-source", "/s",
                "ce-type", "t", "ce-time", "yesterday")::get, null, new byte[0]))
                .asInstanceOf(InstanceOfAssertFactories.throwable(InvalidEventException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo("time"));
        assertThatThrownBy(() -> HttpBinding.batch(bytes("{}")))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("JSON array");
    }

    /** Attributes are keys (the idempotency key is source and id): each is bounded, as every text field is. */
    @Test
    void anAttributeOverFiveHundredCharactersIsNotACloudEvent() {
        for (String attribute : List.of("id", "source", "type", "subject")) {
            Map<String, String> event = new java.util.HashMap<>(Map.of("specversion", "1.0", "id", "1",
                    "source", "/s", "type", "t"));
            event.put(attribute, "x".repeat(501));
            assertThatThrownBy(() -> HttpBinding.structured(bytes(new com.fasterxml.jackson.databind.ObjectMapper()
                    .writeValueAsString(event))))
                    .asInstanceOf(InstanceOfAssertFactories.throwable(InvalidEventException.class))
                    .satisfies(e -> assertThat(e.field()).isEqualTo(attribute));
        }
        assertThat(HttpBinding.structured(bytes("{\"specversion\":\"1.0\",\"id\":\"" + "x".repeat(500)
                + "\",\"source\":\"/s\",\"type\":\"t\"}")).id()).hasSize(500);
    }

    /** An attribute PostgreSQL cannot store (U+0000) is refused as it is read, naming it, not failed on at the index. */
    @Test
    void anAttributeWithANulCharacterIsNotACloudEvent() {
        for (String attribute : List.of("id", "source", "type", "subject")) {
            Map<String, String> event = new java.util.HashMap<>(Map.of("specversion", "1.0", "id", "1",
                    "source", "/s", "type", "t"));
            event.put(attribute, "a\u0000b");
            assertThatThrownBy(() -> HttpBinding.structured(bytes(new com.fasterxml.jackson.databind.ObjectMapper()
                    .writeValueAsString(event))))
                    .asInstanceOf(InstanceOfAssertFactories.throwable(InvalidEventException.class))
                    .satisfies(e -> assertThat(e.field()).isEqualTo(attribute));
        }
    }
}
