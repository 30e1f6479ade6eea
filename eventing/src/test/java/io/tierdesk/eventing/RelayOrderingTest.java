package io.tierdesk.eventing;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tierdesk.eventing.config.EventingConfig;
import io.tierdesk.testsupport.TestKafka;
import io.tierdesk.testsupport.TierdeskInfra;
import io.tierdesk.events.EventJson;
import io.tierdesk.events.KafkaBinding;
import io.tierdesk.events.ticket.InternalNoteAdded;
import io.tierdesk.events.Topics;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The relay never passes a transaction that is still running: a bigserial-only relay would publish the later
 * commit, move its checkpoint past the open transaction's lower id, and lose that event.
 */
@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class RelayOrderingTest {
    @ConfigProperty(name = "tierdesk.db.name")
    String database;
    @jakarta.inject.Inject
    EventingConfig eventing;

    @Test
    void anOpenTransactionHoldsBackLaterCommitsUntilItCommitsThenBothArePublishedInTransactionOrder() throws Exception {
        String topic = eventing.topic(Topics.TICKETS);
        // Both tickets hash to one partition, so the broker's offsets show the order the relay published in.
        UUID first = SampleStreams.ticketOnPartition(1);
        UUID second = SampleStreams.ticketOnPartition(1);

        try (Connection slow = TierdeskInfra.connect(database); Connection fast = TierdeskInfra.connect(database)) {
            slow.setAutoCommit(false);
            UUID slowEvent = SampleStreams.insertNote(slow, first, 1, "appended first, committed last");
            long slowId = idOf(slow, slowEvent);

            fast.setAutoCommit(false);
            UUID fastEvent = SampleStreams.insertNote(fast, second, 1, "appended second, committed first");
            long fastId = idOf(fast, fastEvent);
            fast.commit();
            assertThat(slowId).as("the open transaction holds the lower id").isLessThan(fastId);

            // The commit notified the relay and several polls passed: it must still wait for the open transaction.
            List<ConsumerRecord<String, byte[]>> early = TestKafka.read(topic, r -> isOneOf(r, slowEvent, fastEvent),
                    found -> false, Duration.ofSeconds(3));
            assertThat(early).as("nothing is published while an older transaction is open").isEmpty();

            slow.commit();

            List<ConsumerRecord<String, byte[]>> published = TestKafka.read(topic, r -> isOneOf(r, slowEvent, fastEvent),
                    found -> found.size() >= 2, Duration.ofSeconds(30));
            assertThat(published).extracting(r -> TestKafka.header(r, KafkaBinding.ID))
                    .containsExactly(slowEvent.toString(), fastEvent.toString());
            assertThat(published.get(0).offset()).isLessThan(published.get(1).offset());
            assertThat(published).extracting(ConsumerRecord::key).containsExactly(first.toString(), second.toString());
        }
    }

    /**
     * A transaction that writes no event (another consumer's, another service's on the same cluster) holds the relay
     * back; its end notifies nobody. The relay sees the held event and looks again at its poll interval, not at its
     * idle interval (a minute in these tests).
     */
    @Test
    void anEventHeldBehindATransactionThatAppendsNothingIsPublishedSoonAfterThatTransactionEnds() throws Exception {
        String topic = eventing.topic(Topics.TICKETS);
        UUID ticket = UUID.randomUUID();
        try (Connection holder = TierdeskInfra.connect(database); Connection writer = TierdeskInfra.connect(database)) {
            holder.setAutoCommit(false);
            try (Statement takeId = holder.createStatement()) {
                takeId.execute("SELECT pg_current_xact_id()");
            }
            UUID event = SampleStreams.insertNote(writer, ticket, 1, "held behind a transaction without events");

            List<ConsumerRecord<String, byte[]>> early = TestKafka.read(topic, r -> isOneOf(r, event),
                    found -> false, Duration.ofSeconds(2));
            assertThat(early).as("held while the older transaction runs").isEmpty();

            holder.commit();
            long ended = System.nanoTime();
            List<ConsumerRecord<String, byte[]>> published = TestKafka.read(topic, r -> isOneOf(r, event),
                    found -> !found.isEmpty(), Duration.ofSeconds(20));
            assertThat(published).as("published once the older transaction ended").hasSize(1);
            assertThat(Duration.ofNanos(System.nanoTime() - ended))
                    .as("well before the idle interval (%s)", eventing.relay().idleInterval())
                    .isLessThan(eventing.relay().idleInterval().dividedBy(4));
        }
    }

    @Test
    void eventsOfOneStreamArePublishedInVersionOrderWithTheirCloudEventsHeaders() throws Exception {
        String topic = eventing.topic(Topics.TICKETS);
        UUID ticket = UUID.randomUUID();
        try (Connection connection = TierdeskInfra.connect(database)) {
            for (int version = 1; version <= 5; version++) {
                SampleStreams.insertNote(connection, ticket, version, "note " + version);
            }
        }
        List<ConsumerRecord<String, byte[]>> published = TestKafka.read(topic, r -> ticket.toString().equals(r.key()),
                found -> found.size() >= 5, Duration.ofSeconds(30));
        assertThat(published).hasSize(5);
        assertThat(published).extracting(r -> EventJson.read(r.value(), InternalNoteAdded.class).note())
                .containsExactly("note 1", "note 2", "note 3", "note 4", "note 5");
        ConsumerRecord<String, byte[]> record = published.get(0);
        assertThat(TestKafka.header(record, KafkaBinding.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(TestKafka.header(record, KafkaBinding.TYPE)).isEqualTo("tierdesk.ticket.internal-note-added.v1");
        assertThat(TestKafka.header(record, KafkaBinding.SOURCE)).isEqualTo("/eventing-sample");
        assertThat(TestKafka.header(record, KafkaBinding.SUBJECT)).isEqualTo(ticket.toString());
        assertThat(TestKafka.header(record, KafkaBinding.TIME)).isNotBlank();
        assertThat(TestKafka.header(record, KafkaBinding.CONTENT_TYPE)).isEqualTo("application/json");
    }

    /**
     * PostgreSQL gives a transaction its id at its first write, not when it reads a stream. Here A takes its id first
     * (as the inbox does with its processed_event row), B appends version 1 of the stream and commits, then A appends
     * version 2: ordered by transaction id alone, the relay would publish version 2 before version 1. The event table
     * refuses A's append as a serialization failure (a retryable 40001); A's retry, with a newer id, lands after B's.
     */
    @Test
    void anAppendWhoseTransactionIdIsOlderThanTheStreamsLatestEventIsRefusedSoEveryStreamIsPublishedInVersionOrder()
            throws Exception {
        String topic = eventing.topic(Topics.TICKETS);
        UUID ticket = UUID.randomUUID();
        boolean refused = false;
        try (Connection a = TierdeskInfra.connect(database); Connection b = TierdeskInfra.connect(database)) {
            a.setAutoCommit(false);
            try (Statement takeId = a.createStatement()) {
                takeId.execute("SELECT pg_current_xact_id()");
            }
            SampleStreams.insertNote(b, ticket, 1, "version 1, committed first");
            try {
                SampleStreams.insertNote(a, ticket, 2, "version 2");
                a.commit();
            } catch (SQLException e) {
                assertThat(e.getSQLState()).as("a retryable serialization failure").isEqualTo("40001");
                assertThat(PgErrors.isTransient(e)).isTrue();
                refused = true;
                a.rollback();
                SampleStreams.insertNote(a, ticket, 2, "version 2");
                a.commit();
            }
        }
        List<ConsumerRecord<String, byte[]>> published = TestKafka.read(topic, r -> ticket.toString().equals(r.key()),
                found -> found.size() >= 2, Duration.ofSeconds(30));
        assertThat(published).extracting(r -> EventJson.read(r.value(), InternalNoteAdded.class).note())
                .containsExactly("version 1, committed first", "version 2");
        assertThat(refused).as("the first try of the append with the older transaction id was refused").isTrue();
    }

    private static boolean isOneOf(ConsumerRecord<String, byte[]> record, UUID... eventIds) {
        String id = TestKafka.header(record, KafkaBinding.ID);
        return id != null && Set.of(eventIds).stream().anyMatch(e -> e.toString().equals(id));
    }

    private static long idOf(Connection connection, UUID eventId) throws Exception {
        try (java.sql.PreparedStatement sql = connection.prepareStatement("SELECT id FROM event WHERE event_id = ?")) {
            sql.setObject(1, eventId);
            try (ResultSet rs = sql.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
