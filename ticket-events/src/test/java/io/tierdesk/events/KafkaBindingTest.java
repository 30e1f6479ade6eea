package io.tierdesk.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierdesk.events.InvalidEventException.Kind;
import io.tierdesk.events.ticket.SatisfactionRated;
import io.tierdesk.events.ticket.TicketOpened;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

class KafkaBindingTest {
    private static final Instant TIME = Instant.parse("2026-11-21T10:15:30Z");

    @Test
    void everyEventSurvivesTheTripThroughKafkaHeadersAndValue() {
        for (EventType<?> type : EventCatalog.all()) {
            Object event = SchemaGenerator.sample(type.javaType());
            CloudEvent sent = CloudEvent.of(UUID.randomUUID().toString(), "/ticket-intake", "stream-1", TIME, event);

            Map<String, byte[]> headers = KafkaBinding.headers(sent);
            CloudEvent received = KafkaBinding.read(headers::get, sent.data());

            assertThat(received).isEqualTo(sent);
            assertThat(received.type()).isEqualTo(type.ceType());
            assertThat(received.decode()).isEqualTo(event);
        }
    }

    @Test
    void headersAreTheBinaryModeAttributes() {
        TicketOpened opened = (TicketOpened) SchemaGenerator.sample(TicketOpened.class);
        Map<String, byte[]> headers = KafkaBinding.headers(CloudEvent.of("e-1", "/ticket-intake",
                opened.ticketId().toString(), TIME, opened));

        assertThat(text(headers, "ce_specversion")).isEqualTo("1.0");
        assertThat(text(headers, "ce_id")).isEqualTo("e-1");
        assertThat(text(headers, "ce_source")).isEqualTo("/ticket-intake");
        assertThat(text(headers, "ce_type")).isEqualTo("tierdesk.ticket.opened.v1");
        assertThat(text(headers, "ce_subject")).isEqualTo(opened.ticketId().toString());
        assertThat(text(headers, "ce_time")).isEqualTo("2026-11-21T10:15:30Z");
        assertThat(text(headers, "content-type")).isEqualTo("application/json");
    }

    @Test
    void unknownFieldsInTheDataAreIgnored() {
        byte[] data = ("{\"ticketId\":\"" + UUID.randomUUID() + "\",\"rating\":5,\"ratedAt\":\"2026-11-21T10:00:00Z\","
                + "\"addedInALaterVersion\":{\"x\":1}}").getBytes(StandardCharsets.UTF_8);
        CloudEvent event = new CloudEvent("1", "/portal", "tierdesk.ticket.satisfaction-rated.v1", null, null, null, data);

        assertThat(event.decode()).isInstanceOf(SatisfactionRated.class)
                .extracting("rating").isEqualTo(5);
    }

    @Test
    void aRecordWithoutCloudEventsHeadersIsNotACloudEvent() {
        assertThatThrownBy(() -> KafkaBinding.read(new HashMap<String, byte[]>()::get, "{}".getBytes()))
                .asInstanceOf(InstanceOfAssertFactories.throwable(InvalidEventException.class))
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(Kind.NOT_A_CLOUDEVENT);
                    assertThat(e.field()).isEqualTo("specversion");
                });
    }

    @Test
    void aMissingIdIsNamed() {
        Map<String, byte[]> headers = new HashMap<>(KafkaBinding.headers(
                CloudEvent.of("x", "/s", null, TIME, SchemaGenerator.sample(SatisfactionRated.class))));
        headers.remove("ce_id");
        assertThatThrownBy(() -> KafkaBinding.read(headers::get, new byte[0]))
                .asInstanceOf(InstanceOfAssertFactories.throwable(InvalidEventException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo("id"));
    }

    @Test
    void anUnknownTypeIsRefusedByName() {
        CloudEvent event = new CloudEvent("1", "/s", "tierdesk.ticket.teleported.v1", null, null, null, "{}".getBytes());
        assertThatThrownBy(event::decode)
                .asInstanceOf(InstanceOfAssertFactories.throwable(InvalidEventException.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.UNKNOWN_TYPE))
                .hasMessageContaining("tierdesk.ticket.teleported.v1");
    }

    @Test
    void anInvalidPayloadNamesTheField() {
        byte[] data = ("{\"ticketId\":\"" + UUID.randomUUID() + "\",\"rating\":9,\"ratedAt\":\"2026-11-21T10:00:00Z\"}")
                .getBytes(StandardCharsets.UTF_8);
        CloudEvent event = new CloudEvent("1", "/s", "tierdesk.ticket.satisfaction-rated.v1", null, null, null, data);
        assertThatThrownBy(event::decode)
                .asInstanceOf(InstanceOfAssertFactories.throwable(InvalidEventException.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.INVALID_PAYLOAD))
                .hasMessageContaining("rating must be between 1 and 5");
    }

    @Test
    void dataThatIsNotJsonIsAnInvalidPayload() {
        CloudEvent event = new CloudEvent("1", "/s", "tierdesk.ticket.satisfaction-rated.v1", null, null, null,
                "not json".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(event::decode)
                .asInstanceOf(InstanceOfAssertFactories.throwable(InvalidEventException.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.INVALID_PAYLOAD));
    }

    @Test
    void aWrongTypedFieldIsNamedByItsPath() {
        byte[] data = ("{\"ticketId\":\"" + UUID.randomUUID() + "\",\"rating\":\"five\",\"ratedAt\":\"2026-11-21T10:00:00Z\"}")
                .getBytes(StandardCharsets.UTF_8);
        CloudEvent event = new CloudEvent("1", "/s", "tierdesk.ticket.satisfaction-rated.v1", null, null, null, data);
        assertThatThrownBy(event::decode)
                .asInstanceOf(InstanceOfAssertFactories.throwable(InvalidEventException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo("rating"));
    }

    private static String text(Map<String, byte[]> headers, String name) {
        return new String(headers.get(name), StandardCharsets.UTF_8);
    }
}
