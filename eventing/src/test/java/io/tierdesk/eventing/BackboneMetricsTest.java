package io.tierdesk.eventing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tierdesk.eventing.config.EventingConfig;
import io.tierdesk.testsupport.TestKafka;
import io.tierdesk.testsupport.TestMetrics;
import io.tierdesk.testsupport.TestTokens;
import io.tierdesk.testsupport.TierdeskInfra;
import io.tierdesk.events.CloudEvent;
import io.tierdesk.events.KafkaBinding;
import io.tierdesk.events.Topics;
import io.tierdesk.events.ticket.InternalNoteAdded;
import io.tierdesk.eventing.sample.SampleCounterProjection;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The backbone's counters move with real traffic and are exposed to Prometheus. */
@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class BackboneMetricsTest {
    @Inject
    EventingConfig eventing;
    @ConfigProperty(name = "tierdesk.db.name")
    String database;

    @Test
    void appendedPublishedConsumedDeduplicatedAndDeadLetteredAreCounted() throws Exception {
        double appended = TestMetrics.sum("tierdesk_events_appended_total");
        double published = TestMetrics.sum("tierdesk_relay_published_total");
        // The sample consumes the topic twice (record by record and a poll at a time): each counts on its own.
        Map<String, double[]> before = new HashMap<>();
        for (String consumer : CONSUMERS) {
            before.put(consumer, inboxCounts(consumer));
        }

        UUID ticket = UUID.randomUUID();
        given().header("Authorization", TestTokens.bearer("alice", "agent")).contentType("application/json")
                .body("{\"note\":\"counted\",\"expectedVersion\":0}")
                .post("/api/v1/sample-tickets/" + ticket + "/notes").then().statusCode(201);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(SampleStreams.counter(database, ticket)).isEqualTo(1));

        String topic = eventing.topic(Topics.TICKETS);
        CloudEvent copy = CloudEvent.of(UUID.randomUUID().toString(), "/test", ticket.toString(), Instant.now(),
                new InternalNoteAdded(ticket, "a", "sent twice", Instant.now()));
        TestKafka.send(topic, ticket.toString(), KafkaBinding.headers(copy), copy.data());
        TestKafka.send(topic, ticket.toString(), KafkaBinding.headers(copy), copy.data());
        TestKafka.send(topic, ticket.toString(), Map.of(), "poison".getBytes());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(TestMetrics.sum("tierdesk_events_appended_total")).isEqualTo(appended + 1);
            assertThat(TestMetrics.sum("tierdesk_relay_published_total")).isGreaterThanOrEqualTo(published + 1);
            for (String consumer : CONSUMERS) {
                double[] was = before.get(consumer);
                assertThat(inboxCounts(consumer)).as("consumed, deduplicated, dead-lettered by %s", consumer)
                        .containsExactly(was[0] + 2, was[1] + 1, was[2] + 1);
            }
        });
        String all = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(all).contains("tierdesk_relay_lag_events", "tierdesk_relay_lag_ms", "tierdesk_relay_latency_seconds");
    }

    private static final List<String> CONSUMERS =
            List.of(SampleCounterProjection.CONSUMER, SampleCounterProjection.BATCH_CONSUMER);

    private static double[] inboxCounts(String consumer) {
        String tag = "consumer=" + consumer;
        return new double[] {TestMetrics.sum("tierdesk_inbox_consumed_total", tag),
                TestMetrics.sum("tierdesk_inbox_deduplicated_total", tag),
                TestMetrics.sum("tierdesk_inbox_dead_lettered_total", tag)};
    }
}
