package io.tierdesk.eventing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tierdesk.eventing.config.EventingConfig;
import io.tierdesk.testsupport.TestDb;
import io.tierdesk.testsupport.TestKafka;
import io.tierdesk.testsupport.TierdeskInfra;
import io.tierdesk.events.CloudEvent;
import io.tierdesk.events.KafkaBinding;
import io.tierdesk.events.Topics;
import io.tierdesk.events.ticket.InternalNoteAdded;
import io.tierdesk.eventing.inbox.Inbox;
import io.tierdesk.eventing.sample.SampleCounterProjection;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Poison records go to the dead-letter topic with their reason and the consumer's name; the consumer goes on with the
 * next record. Every case runs through both inbox modes at once: the sample counts the same topic record by record
 * and a poll at a time.
 */
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

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertBothCounted(ticket, 1));

        for (String consumer : CONSUMERS) {
            List<ConsumerRecord<String, byte[]>> dead = deadLetters(topic, key, consumer, 3);
            assertThat(dead).extracting(r -> TestKafka.header(r, "dead-letter-reason"))
                    .satisfiesExactly(
                            reason -> assertThat(reason).startsWith("not-a-cloudevent:").contains("ce_specversion"),
                            reason -> assertThat(reason).startsWith("invalid-payload:").contains("note"),
                            reason -> assertThat(reason).startsWith("unknown-type:").contains("teleported"));
            assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("this is not a cloudevent");
        }
    }

    @Test
    void theSameEventDeliveredTwiceIsAppliedOnce() throws Exception {
        String topic = eventing.topic(Topics.TICKETS);
        UUID ticket = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        sendGood(topic, ticket, eventId);
        sendGood(topic, ticket, eventId);
        sendGood(topic, ticket, UUID.randomUUID());

        // The third, distinct event (same key, same partition, after them) proves the consumers got past both
        // copies of the first: a second application would already show.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertBothCounted(ticket, 2));
    }

    @Test
    void aPollIsAppliedInOneTransactionAndACopyWithinItOnce() throws Exception {
        String topic = eventing.topic(Topics.TICKETS);
        UUID ticket = UUID.randomUUID();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        UUID copied = UUID.randomUUID();
        records.add(record(topic, ticket, copied, "fine"));
        for (int i = 0; i < 49; i++) {
            records.add(record(topic, ticket, UUID.randomUUID(), "fine"));
        }
        records.add(record(topic, ticket, copied, "fine"));
        TestKafka.sendAll(records);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertBothCounted(ticket, 50));
        // Rows written by one transaction share its id (xmin): one per record for the record-by-record consumer,
        // far fewer for the batch consumer, which got the 51 records in a few polls.
        List<String> ids = records.stream().map(r -> TestKafka.header(r.headers(), KafkaBinding.ID)).distinct().toList();
        assertThat(TestDb.transactions(database, SampleCounterProjection.CONSUMER, ids)).isEqualTo(50);
        assertThat(TestDb.transactions(database, SampleCounterProjection.BATCH_CONSUMER, ids)).isLessThan(10);
        assertThat(SampleCounterProjection.tries(SampleCounterProjection.BATCH_CONSUMER, copied)).isEqualTo(1);
    }

    @Test
    void aTransientDatabaseFailureIsRetriedUntilItPassesAndAppliedOnce() throws Exception {
        String topic = eventing.topic(Topics.TICKETS);
        UUID ticket = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        // More failures than a handler error is allowed (5): only a transient one is retried beyond that.
        send(topic, ticket, eventId, "transient:6");
        sendGood(topic, ticket, UUID.randomUUID());

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertBothCounted(ticket, 2));
        // The batch consumer's first try is the poll's joint transaction, the rest its record-by-record fallback.
        assertThat(SampleCounterProjection.tries(SampleCounterProjection.CONSUMER, eventId)).isEqualTo(7);
        assertThat(SampleCounterProjection.tries(SampleCounterProjection.BATCH_CONSUMER, eventId)).isEqualTo(7);
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

        for (String consumer : CONSUMERS) {
            assertThat(deadLetters(topic, ticket.toString(), consumer, 1)).singleElement()
                    .satisfies(r -> assertThat(TestKafka.header(r, "dead-letter-reason")).startsWith("handler-failed:"));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertBothCounted(ticket, 1));
        assertThat(SampleCounterProjection.tries(SampleCounterProjection.CONSUMER, broken)).isEqualTo(5);
        // One joint try, then the five a record gets on its own.
        assertThat(SampleCounterProjection.tries(SampleCounterProjection.BATCH_CONSUMER, broken)).isEqualTo(6);
    }

    @Test
    void aRejectionIsDeadLetteredAtOnceWhileAnyOtherExceptionIsABugRetriedFirst() throws Exception {
        String topic = eventing.topic(Topics.TICKETS);
        UUID ticket = UUID.randomUUID();
        UUID rejected = UUID.randomUUID();
        UUID bug = UUID.randomUUID();
        send(topic, ticket, rejected, "rejected");
        send(topic, ticket, bug, "bug");
        sendGood(topic, ticket, UUID.randomUUID());

        for (String consumer : CONSUMERS) {
            assertThat(deadLetters(topic, ticket.toString(), consumer, 2))
                    .extracting(r -> TestKafka.header(r, "dead-letter-reason"))
                    .satisfiesExactly(
                            reason -> assertThat(reason).startsWith("rejected-by-consumer:").contains("note"),
                            reason -> assertThat(reason).startsWith("handler-failed:")
                                    .contains("IllegalArgumentException").contains("reference"));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertBothCounted(ticket, 1));
        assertThat(SampleCounterProjection.tries(SampleCounterProjection.CONSUMER, rejected)).isEqualTo(1);
        assertThat(SampleCounterProjection.tries(SampleCounterProjection.CONSUMER, bug)).isEqualTo(5);
    }

    /**
     * In a poll whose last record is poison, the valid records before it are committed to the database before the
     * poison is dead-lettered: dead-lettering acknowledges the record, and for the partition's latest record that
     * lets the consumer commit the offset past everything polled with it. Here the joint write is held back; until
     * it is released the group's committed offset must stay before the valid record.
     */
    @Test
    void aBatchsOffsetIsNotCommittedPastValidRecordsWhoseJointWriteIsStillRunning() throws Exception {
        String topic = eventing.topic(Topics.TICKETS);
        UUID ticket = SampleStreams.ticketOnPartition(2);
        long lock = 7_000_000L + new java.util.Random().nextInt(1_000_000);
        Map<String, byte[]> poisonHeaders = new HashMap<>(KafkaBinding.headers(new CloudEvent(
                UUID.randomUUID().toString(), "/test", "tierdesk.ticket.internal-note-added.v1", ticket.toString(),
                Instant.now(), CloudEvent.JSON, new byte[0])));
        ProducerRecord<String, byte[]> poison = new ProducerRecord<>(topic, ticket.toString(),
                ("{\"ticketId\":\"" + ticket + "\"}").getBytes(StandardCharsets.UTF_8));
        poisonHeaders.forEach(poison.headers()::add);
        try (Connection holder = TierdeskInfra.connect(database)) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("SELECT pg_advisory_xact_lock(" + lock + ")");
            TestKafka.sendAll(List.of(record(topic, ticket, UUID.randomUUID(), "hold:" + lock), poison));
            // The batch consumer commits at most every few seconds: give it time to commit what it may.
            Thread.sleep(7_000);
            long committed = TestKafka.committedOffset(SampleCounterProjection.BATCH_GROUP, topic, 2);
            assertThat(SampleStreams.batchCounter(database, ticket)).as("the joint write is held").isZero();
            assertThat(committed).as("the group's committed offset while the valid record is not yet applied")
                    .isLessThanOrEqualTo(offsetOfFirst(topic, ticket));
            holder.commit();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertBothCounted(ticket, 1));
        assertThat(deadLetters(topic, ticket.toString(), SampleCounterProjection.BATCH_CONSUMER, 1)).hasSize(1);
    }

    private static long offsetOfFirst(String topic, UUID ticket) {
        return TestKafka.read(topic, r -> ticket.toString().equals(r.key()), found -> !found.isEmpty(),
                Duration.ofSeconds(10)).get(0).offset();
    }

    /** Both of the sample's consumers, record by record and a poll at a time, counted this many events. */
    private void assertBothCounted(UUID ticket, int events) throws Exception {
        assertThat(SampleStreams.counter(database, ticket)).as("record by record").isEqualTo(events);
        assertThat(SampleStreams.batchCounter(database, ticket)).as("a poll at a time").isEqualTo(events);
    }

    private static final List<String> CONSUMERS =
            List.of(SampleCounterProjection.CONSUMER, SampleCounterProjection.BATCH_CONSUMER);

    private static List<ConsumerRecord<String, byte[]>> deadLetters(String topic, String key, String consumer,
            int expected) {
        List<ConsumerRecord<String, byte[]>> dead = TestKafka.read(Topics.dlq(topic),
                r -> key.equals(r.key()) && consumer.equals(TestKafka.header(r, Inbox.CONSUMER_HEADER)),
                found -> found.size() >= expected, Duration.ofSeconds(60));
        assertThat(dead).as("dead letters of %s", consumer).hasSize(expected);
        return dead;
    }

    private static void sendGood(String topic, UUID ticket, UUID eventId) {
        send(topic, ticket, eventId, "fine");
    }

    private static void send(String topic, UUID ticket, UUID eventId, String note) {
        TestKafka.sendAll(List.of(record(topic, ticket, eventId, note)));
    }

    private static ProducerRecord<String, byte[]> record(String topic, UUID ticket, UUID eventId, String note) {
        CloudEvent event = CloudEvent.of(eventId.toString(), "/test", ticket.toString(), Instant.now(),
                new InternalNoteAdded(ticket, "agent-1", note, Instant.now()));
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, ticket.toString(), event.data());
        KafkaBinding.headers(event).forEach(record.headers()::add);
        return record;
    }
}
