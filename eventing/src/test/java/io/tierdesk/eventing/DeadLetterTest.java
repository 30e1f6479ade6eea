package io.tierdesk.eventing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tierdesk.eventing.config.EventingConfig;
import io.tierdesk.eventing.testing.TestKafka;
import io.tierdesk.eventing.testing.TierdeskInfra;
import io.tierdesk.events.CloudEvent;
import io.tierdesk.events.KafkaBinding;
import io.tierdesk.events.Topics;
import io.tierdesk.events.ticket.InternalNoteAdded;
import io.tierdesk.eventing.sample.SampleCounterProjection;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Poison records go to the dead-letter topic with their reason; the consumer goes on with the next record. */
@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class DeadLetterTest {
    @Inject
    EventingConfig eventing;
    @ConfigProperty(name = "tierdesk.db.name")
    String database;

    @Test
    void poisonRecordsAreDeadLetteredWithTheirReasonAndTheNextGoodRecordIsConsumed() throws Exception {
        String topic = eventing.topic(Topics.TICKETS);
        UUID ticket = UUID.randomUUID();
        String key = ticket.toString();

        TestKafka.send(topic, key, Map.of(), "this is not a cloudevent".getBytes(StandardCharsets.UTF_8));

        Map<String, byte[]> invalidPayload = new HashMap<>(KafkaBinding.headers(new CloudEvent(
                UUID.randomUUID().toString(), "/test", "tierdesk.ticket.internal-note-added.v1", key, Instant.now(),
                CloudEvent.JSON, new byte[0])));
        TestKafka.send(topic, key, invalidPayload,
                ("{\"ticketId\":\"" + ticket + "\",\"agentId\":\"a\"}").getBytes(StandardCharsets.UTF_8));

        Map<String, byte[]> unknownType = new HashMap<>(invalidPayload);
        unknownType.put(KafkaBinding.ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        unknownType.put(KafkaBinding.TYPE, "tierdesk.ticket.teleported.v1".getBytes(StandardCharsets.UTF_8));
        TestKafka.send(topic, key, unknownType, "{}".getBytes(StandardCharsets.UTF_8));

        sendGood(topic, ticket, UUID.randomUUID());

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(SampleStreams.counter(database, ticket)).isEqualTo(1));

        List<ConsumerRecord<String, byte[]>> dead = TestKafka.read(Topics.dlq(topic), r -> key.equals(r.key()),
                found -> found.size() >= 3, Duration.ofSeconds(30));
        assertThat(dead).extracting(r -> TestKafka.header(r, "dead-letter-reason"))
                .satisfiesExactly(
                        reason -> assertThat(reason).startsWith("not-a-cloudevent:").contains("ce_specversion"),
                        reason -> assertThat(reason).startsWith("invalid-payload:").contains("note"),
                        reason -> assertThat(reason).startsWith("unknown-type:").contains("teleported"));
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("this is not a cloudevent");
    }

    @Test
    void theSameEventDeliveredTwiceIsAppliedOnce() throws Exception {
        String topic = eventing.topic(Topics.TICKETS);
        UUID ticket = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        sendGood(topic, ticket, eventId);
        sendGood(topic, ticket, eventId);
        sendGood(topic, ticket, UUID.randomUUID());

        // The third, distinct event proves the consumer got past both copies of the first.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(SampleStreams.counter(database, ticket)).isEqualTo(2));
        Thread.sleep(500);
        assertThat(SampleStreams.counter(database, ticket)).isEqualTo(2);
    }

    @Test
    void aTransientDatabaseFailureIsRetriedUntilItPassesAndAppliedOnce() throws Exception {
        String topic = eventing.topic(Topics.TICKETS);
        UUID ticket = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        // More failures than a handler error is allowed (5): only a transient one is retried beyond that.
        send(topic, ticket, eventId, "transient:6");
        sendGood(topic, ticket, UUID.randomUUID());

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(SampleStreams.counter(database, ticket)).isEqualTo(2));
        assertThat(SampleCounterProjection.TRIES.get(eventId.toString())).hasValue(7);
        assertThat(TestKafka.read(Topics.dlq(topic), r -> ticket.toString().equals(r.key()), found -> false,
                Duration.ofSeconds(2))).as("nothing dead-lettered").isEmpty();
    }

    @Test
    void aHandlerThatKeepsFailingIsDeadLetteredAfterItsTriesAndTheNextRecordGoesOn() throws Exception {
        String topic = eventing.topic(Topics.TICKETS);
        UUID ticket = UUID.randomUUID();
        UUID broken = UUID.randomUUID();
        send(topic, ticket, broken, "broken");
        sendGood(topic, ticket, UUID.randomUUID());

        List<ConsumerRecord<String, byte[]>> dead = TestKafka.read(Topics.dlq(topic),
                r -> ticket.toString().equals(r.key()), found -> !found.isEmpty(), Duration.ofSeconds(60));
        assertThat(dead).singleElement().satisfies(r -> assertThat(TestKafka.header(r, "dead-letter-reason"))
                .startsWith("handler-failed:"));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(SampleStreams.counter(database, ticket)).isEqualTo(1));
        assertThat(SampleCounterProjection.TRIES.get(broken.toString())).hasValue(5);
    }

    private static void sendGood(String topic, UUID ticket, UUID eventId) {
        send(topic, ticket, eventId, "fine");
    }

    private static void send(String topic, UUID ticket, UUID eventId, String note) {
        CloudEvent event = CloudEvent.of(eventId.toString(), "/test", ticket.toString(), Instant.now(),
                new InternalNoteAdded(ticket, "agent-1", note, Instant.now()));
        TestKafka.send(topic, ticket.toString(), KafkaBinding.headers(event), event.data());
    }
}
