package io.tierdesk.eventing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tierdesk.eventing.config.EventingConfig;
import io.tierdesk.eventing.relay.PendingEvent;
import io.tierdesk.eventing.relay.Relay;
import io.tierdesk.eventing.relay.RelayObserver;
import io.tierdesk.eventing.relay.RelayService;
import io.tierdesk.testsupport.TestKafka;
import io.tierdesk.testsupport.TestTokens;
import io.tierdesk.testsupport.TierdeskInfra;
import io.tierdesk.events.Topics;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A relay that dies after the broker acknowledged a batch but before its checkpoint moved: the batch goes out
 * again, and the consumer's inbox keeps the projection at one count per event.
 */
@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class RelayCrashRecoveryTest {
    @Inject
    RelayService relayService;
    @Inject
    Pool pool;
    @Inject
    EventingConfig eventing;
    @ConfigProperty(name = "tierdesk.db.name")
    String database;

    static class Crash extends RuntimeException {
        Crash() {
            super("simulated crash between the broker's ack and the checkpoint");
        }
    }

    @Test
    void aBatchSentButNotCheckpointedIsRepublishedAndCountedOnce() throws Exception {
        UUID ticket = UUID.randomUUID();
        relayService.stop();
        try {
            for (int version = 0; version < 3; version++) {
                given().header("Authorization", TestTokens.bearer("alice", "agent")).contentType("application/json")
                        .body("{\"note\":\"note " + version + "\",\"expectedVersion\":" + version + "}")
                        .post("/api/v1/sample-tickets/" + ticket + "/notes")
                        .then().statusCode(201);
            }

            try (Producer<String, byte[]> producer = TestRelays.producer("crashing-relay")) {
                Relay crashing = TestRelays.relay(pool, producer, relayService, new RelayObserver() {
                    @Override
                    public void acknowledged(List<PendingEvent> batch) {
                        throw new Crash();
                    }
                });
                assertThatThrownBy(crashing::publishOnce).isInstanceOf(Crash.class);
            }
            String topic = eventing.topic(Topics.TICKETS);
            assertThat(recordsOf(topic, ticket, 3)).as("the crashed relay did send the batch").hasSize(3);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(SampleStreams.counter(database, ticket)).isEqualTo(3));
        } finally {
            relayService.start();
        }

        String topic = eventing.topic(Topics.TICKETS);
        List<ConsumerRecord<String, byte[]>> records = recordsOf(topic, ticket, 6);
        assertThat(records).as("the restarted relay republished the batch").hasSize(6);
        assertThat(records.stream().map(r -> TestKafka.header(r, "ce_id")).distinct()).hasSize(3);

        // Let the consumer see the redelivered records; the count must not move.
        given().header("Authorization", TestTokens.bearer("alice", "agent")).contentType("application/json")
                .body("{\"note\":\"marker\",\"expectedVersion\":3}")
                .post("/api/v1/sample-tickets/" + ticket + "/notes").then().statusCode(201);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(SampleStreams.counter(database, ticket)).isEqualTo(4));
    }

    private static List<ConsumerRecord<String, byte[]>> recordsOf(String topic, UUID ticket, int expected) {
        return TestKafka.read(topic, r -> ticket.toString().equals(r.key()), found -> found.size() >= expected,
                Duration.ofSeconds(30));
    }
}
