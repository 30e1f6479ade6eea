package io.tierdesk.testsupport;

import io.tierdesk.events.CloudEvent;
import io.tierdesk.events.KafkaBinding;
import io.tierdesk.events.ticket.Channel;
import io.tierdesk.events.ticket.CustomerRef;
import io.tierdesk.events.ticket.Diagnostics;
import io.tierdesk.events.ticket.SupportPlan;
import io.tierdesk.events.ticket.TicketOpened;
import io.tierdesk.events.ticket.Urgency;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Events as their producers publish them (CloudEvents in Kafka binary mode, keyed by the ticket), and builders. */
public final class TestEvents {
    private TestEvents() {
    }

    /**
     * Publishes {@code event} about a ticket to {@code topic} (the full, prefixed name) as {@code source} would.
     *
     * @return the event id, the consumers' idempotency key
     */
    public static UUID publish(String topic, String source, UUID ticket, Object event) {
        return publish(topic, source, ticket, event, UUID.randomUUID(), Instant.now());
    }

    /** The same with a chosen id and time: the same id twice is a redelivery. */
    public static UUID publish(String topic, String source, UUID ticket, Object event, UUID eventId, Instant time) {
        TestKafka.sendAll(List.of(record(topic, source, ticket, event, eventId, time)));
        return eventId;
    }

    /**
     * Publishes the events in one produce request per partition (one flush), as a burst arrives: a consumer then finds
     * many of them in one poll. Each entry's key is its ticket.
     *
     * @return the events' ids, in order
     */
    public static List<UUID> publishAll(String topic, String source, Map<UUID, Object> eventsByTicket) {
        return publishAll(topic, source, List.copyOf(eventsByTicket.entrySet()));
    }

    /** The same with several events of a ticket, in the order given (a ticket's events share its partition). */
    public static List<UUID> publishAll(String topic, String source, List<Map.Entry<UUID, Object>> events) {
        List<UUID> ids = new ArrayList<>();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        events.forEach(event -> {
            UUID id = UUID.randomUUID();
            records.add(record(topic, source, event.getKey(), event.getValue(), id, Instant.now()));
            ids.add(id);
        });
        TestKafka.sendAll(records);
        return ids;
    }

    /** The event as its producer's relay writes it: a CloudEvent in Kafka binary mode, keyed by the ticket. */
    private static ProducerRecord<String, byte[]> record(String topic, String source, UUID ticket, Object event,
            UUID eventId, Instant time) {
        CloudEvent e = CloudEvent.of(eventId.toString(), source, ticket.toString(), time, event);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, ticket.toString(), e.data());
        KafkaBinding.headers(e).forEach(record.headers()::add);
        return record;
    }

    /** A ticket opened by e-mail on the warranty plan, its product (the router's category) and urgency as given. */
    public static TicketOpened opened(UUID ticket, String product, Urgency urgency) {
        return opened(ticket, product, urgency, SupportPlan.WARRANTY);
    }

    public static TicketOpened opened(UUID ticket, String product, Urgency urgency, SupportPlan plan) {
        return new TicketOpened(ticket, "TD-" + ticket.toString().substring(0, 6), Channel.EMAIL,
                new CustomerRef("c-1", null, null, null, "en"), plan, "subject", "body",
                new Diagnostics(null, product, null, null, null), urgency, null, List.of(), null, Instant.now());
    }
}
