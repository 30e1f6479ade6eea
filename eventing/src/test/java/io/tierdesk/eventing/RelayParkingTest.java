package io.tierdesk.eventing;

import static io.tierdesk.testsupport.TestApi.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tierdesk.eventing.config.EventingConfig;
import io.tierdesk.testsupport.TestDb;
import io.tierdesk.testsupport.TestKafka;
import io.tierdesk.testsupport.TestMetrics;
import io.tierdesk.testsupport.TierdeskInfra;
import io.tierdesk.events.Topics;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * No single event can stop a relay. The event store refuses an event larger than a record may be; a record the
 * broker refuses all the same (written before the bound, or by hand) is parked with its reason while the rest flows
 * on, counted, listed for operators and republishable; a relay that cannot publish shows its backlog.
 */
@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class RelayParkingTest {
    @Inject
    EventingConfig eventing;
    @Inject
    Pool pool;
    @ConfigProperty(name = "tierdesk.db.name")
    String database;

    @Test
    void anEventLargerThanARecordMayBeIsRefusedAtAppendAndNothingIsWritten() throws Exception {
        UUID ticket = UUID.randomUUID();
        String note = "ф".repeat(1_100_000);
        as("alice", "agent").body(Map.of("note", note, "expectedVersion", 0))
                .post("/api/v1/sample-tickets/" + ticket + "/notes")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("event"));
        assertThat(TestDb.number(database, "SELECT count(*) FROM event WHERE stream_id = ?", ticket.toString()))
                .isZero();
    }

    @Test
    void aRecordTheBrokerRefusesIsParkedWhileTheRestFlowsOnAndIsRepublishedOnceTheBrokerTakesIt() throws Exception {
        String topic = eventing.topic(Topics.TICKETS);
        UUID large = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        double parkedBefore = TestMetrics.sum("tierdesk_relay_parked_total");
        UUID largeEvent;
        try (Connection connection = TierdeskInfra.connect(database)) {
            // Written by hand, past the event store's bound: 1.5 MB where the broker takes about 1 MB.
            largeEvent = SampleStreams.insertNote(connection, large, 1, "x".repeat(1_500_000));
            SampleStreams.insertNote(connection, after, 1, "appended after the large one");
        }
        assertThat(TestKafka.read(topic, r -> after.toString().equals(r.key()), found -> !found.isEmpty(),
                Duration.ofSeconds(30))).as("the event after the refused one is published").hasSize(1);
        assertThat(TestDb.text(database, "SELECT reason FROM relay_parked WHERE event_id = ?", largeEvent))
                .containsIgnoringCase("too large");
        assertThat(TestMetrics.sum("tierdesk_relay_parked_total")).isEqualTo(parkedBefore + 1);
        as("ops", "admin").get("/api/v1/relay/parked").then().statusCode(200)
                .body("eventId", hasItem(largeEvent.toString()));
        as("alice", "agent").get("/api/v1/relay/parked").then().statusCode(403);

        // The operator raises the topic's limit, then republishes.
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TierdeskInfra.KAFKA))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                    new ConfigEntry("max.message.bytes", "4194304"), AlterConfigOp.OpType.SET)))).all().get();
        }
        as("ops", "admin").post("/api/v1/relay/parked/" + largeEvent + "/republish").then().statusCode(200);
        assertThat(TestKafka.read(topic, r -> large.toString().equals(r.key()), found -> !found.isEmpty(),
                Duration.ofSeconds(30))).hasSize(1);
        assertThat(TestDb.number(database, "SELECT count(*) FROM relay_parked WHERE event_id = ?", largeEvent))
                .isZero();
    }

    @Test
    void aRelayThatCannotPublishShowsItsBacklog() throws Exception {
        try (Connection connection = TierdeskInfra.connect(database);
             TestRelays.Stranded stranded = new TestRelays.Stranded(pool, eventing, database, Duration.ofSeconds(2),
                     Duration.ofMillis(500))) {
            SampleStreams.insertNote(connection, UUID.randomUUID(), 1, "waiting for a broker that is not there");
            try {
                stranded.relay.publishOnce();
            } catch (RuntimeException expected) {
                // the broker is unreachable
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> stranded.registry.get("tierdesk.relay.lag.events")
                    .tag("relay", stranded.name).gauge().value() > 0);
            assertThat(stranded.registry.get("tierdesk.relay.lag.ms").tag("relay", stranded.name).gauge().value())
                    .isPositive();
        }
    }
}
