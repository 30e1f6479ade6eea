package io.tierdesk.eventing.testing;

import io.tierdesk.events.CloudEvent;
import io.tierdesk.events.KafkaBinding;
import io.tierdesk.events.ticket.Channel;
import io.tierdesk.events.ticket.CustomerRef;
import io.tierdesk.events.ticket.Diagnostics;
import io.tierdesk.events.ticket.SupportPlan;
import io.tierdesk.events.ticket.TicketOpened;
import io.tierdesk.events.ticket.Urgency;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

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
        CloudEvent e = CloudEvent.of(eventId.toString(), source, ticket.toString(), time, event);
        TestKafka.send(topic, ticket.toString(), KafkaBinding.headers(e), e.data());
        return eventId;
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
