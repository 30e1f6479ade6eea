package io.tierdesk.eventing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tierdesk.eventing.config.EventingConfig;
import io.tierdesk.eventing.relay.PendingEvent;
import io.tierdesk.eventing.relay.Relay;
import io.tierdesk.eventing.relay.RelayObserver;
import io.tierdesk.eventing.relay.RelayRunner;
import io.tierdesk.eventing.relay.RelayService;
import io.tierdesk.testsupport.TestKafka;
import io.tierdesk.testsupport.TierdeskInfra;
import io.tierdesk.events.Topics;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Two replicas' relays on one database: the lease lets one publish at a time, and the other takes over. */
@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class TwoRelaysTest {
    @Inject
    RelayService relayService;
    @Inject
    Pool pool;
    @Inject
    EventingConfig eventing;
    @ConfigProperty(name = "tierdesk.db.name")
    String database;

    /** Counts relays inside a batch at the same moment, and which relay published which batch. */
    static final class Watch implements RelayObserver {
        static final AtomicInteger inside = new AtomicInteger();
        static final AtomicInteger mostInsideAtOnce = new AtomicInteger();
        final String name;
        final List<Integer> batches = Collections.synchronizedList(new ArrayList<>());

        Watch(String name) {
            this.name = name;
        }

        @Override
        public void publishing(List<PendingEvent> batch) {
            mostInsideAtOnce.accumulateAndGet(inside.incrementAndGet(), Math::max);
            batches.add(batch.size());
            try {
                Thread.sleep(30); // widen the window in which a second relay could slip in
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void acknowledged(List<PendingEvent> batch) {
            inside.decrementAndGet();
        }
    }

    @Test
    void twoRelaysNeverPublishAtOnceAndTheSecondTakesOverWhenTheFirstStops() throws Exception {
        relayService.stop();
        Watch watchA = new Watch("a");
        Watch watchB = new Watch("b");
        List<UUID> tickets = new ArrayList<>();
        try (Producer<String, byte[]> producerA = TestRelays.producer("relay-a");
             Producer<String, byte[]> producerB = TestRelays.producer("relay-b")) {
            Relay relayA = TestRelays.relay(pool, producerA, relayService, watchA);
            Relay relayB = TestRelays.relay(pool, producerB, relayService, watchB);
            RelayRunner runnerA = new RelayRunner(relayA, 500, Duration.ofMillis(5), Duration.ofSeconds(1), "relay-a").start();
            RelayRunner runnerB = new RelayRunner(relayB, 500, Duration.ofMillis(5), Duration.ofSeconds(1), "relay-b").start();
            try {
                appendTickets(tickets, 60);
                await().atMost(Duration.ofSeconds(60)).until(() -> published(tickets).size() >= tickets.size());
                runnerA.close();
                int batchesOfBBefore = watchB.batches.size();

                appendTickets(tickets, 20);
                await().atMost(Duration.ofSeconds(60)).until(() -> published(tickets).size() >= tickets.size());
                assertThat(watchB.batches.size()).as("B published after A stopped").isGreaterThan(batchesOfBBefore);
            } finally {
                runnerA.close();
                runnerB.close();
                relayService.start();
            }
        }
        assertThat(Watch.mostInsideAtOnce.get()).as("relays inside a batch at the same moment").isEqualTo(1);
        assertThat(watchA.batches).as("A published while both ran").isNotEmpty();
        List<ConsumerRecord<String, byte[]>> records = published(tickets);
        assertThat(records.stream().map(ConsumerRecord::key).distinct()).hasSize(tickets.size());
    }

    /** One event per ticket, each in its own transaction, spread out so both relays keep competing. */
    private void appendTickets(List<UUID> tickets, int count) throws Exception {
        try (Connection connection = TierdeskInfra.connect(database)) {
            for (int i = 0; i < count; i++) {
                UUID ticket = UUID.randomUUID();
                SampleStreams.insertNote(connection, ticket, 1, "two relays " + i);
                tickets.add(ticket);
                Thread.sleep(10);
            }
        }
    }

    private List<ConsumerRecord<String, byte[]>> published(List<UUID> tickets) {
        java.util.Set<String> keys = tickets.stream().map(UUID::toString).collect(java.util.stream.Collectors.toSet());
        return TestKafka.read(eventing.topic(Topics.TICKETS), r -> keys.contains(r.key()),
                found -> found.stream().map(ConsumerRecord::key).distinct().count() >= keys.size(),
                Duration.ofSeconds(5));
    }
}
