package io.tierdesk.router.api;

import io.tierdesk.testsupport.TestDb;
import io.tierdesk.testsupport.TestEvents;
import static io.tierdesk.testsupport.TestApi.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tierdesk.eventing.config.EventingConfig;
import io.tierdesk.testsupport.TestMetrics;
import io.tierdesk.testsupport.TierdeskInfra;
import io.tierdesk.events.Topics;
import io.tierdesk.events.sla.SlaClockStarted;
import io.tierdesk.events.ticket.Urgency;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class QueuesAndLoadTest {
    @Inject
    EventingConfig eventing;
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "tierdesk.db.name")
    String database;

    private UUID open(String skill, Urgency urgency) {
        return openAs(UUID.randomUUID(), skill, urgency);
    }

    private boolean slaKnown(UUID ticket) throws Exception {
        return TestDb.text(database, "SELECT 1 FROM ticket_sla_due WHERE ticket_id = ?", ticket) != null;
    }

    private UUID openAs(UUID ticket, String skill, Urgency urgency) {
        publish(Topics.TICKETS, ticket, TestEvents.opened(ticket, skill, urgency));
        return ticket;
    }

    private void publish(String topic, UUID ticket, Object event) {
        TestEvents.publish(eventing.topic(topic), "/test", ticket, event);
    }

    @Test
    void theQueueIsOrderedByPriorityThenSlaDueThenAgeAndEachTicketKnowsItsPlace() throws Exception {
        String skill = "crm-" + UUID.randomUUID().toString().substring(0, 6);
        UUID lowOld = open(skill, Urgency.LOW);
        UUID criticalNoSla = open(skill, Urgency.CRITICAL);
        // The SLA stream is another topic: its news may come before the router has seen the ticket at all.
        UUID criticalDueSoon = UUID.randomUUID();
        publish(Topics.SLA, criticalDueSoon, new SlaClockStarted(criticalDueSoon, "resolution", "warranty",
                Instant.now().plus(Duration.ofMinutes(30)), Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> slaKnown(criticalDueSoon));
        openAs(criticalDueSoon, skill, Urgency.CRITICAL);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> mine = as("sup", "supervisor").get("/api/v1/queues/L1?limit=1000").then().statusCode(200)
                    .extract()
                    .jsonPath().<String>getList("findAll { it.skill == '" + skill + "' }.ticketId");
            assertThat(mine).containsExactly(criticalDueSoon.toString(), criticalNoSla.toString(), lowOld.toString());
        });
        JsonPath route = as("sup", "supervisor").get("/api/v1/tickets/" + lowOld + "/routing").then().statusCode(200)
                .extract().jsonPath();
        assertThat(route.getString("state")).isEqualTo("queued");
        assertThat(route.getInt("queuePosition")).isGreaterThanOrEqualTo(3);
        assertThat(route.getList("history.type")).containsExactly("tierdesk.routing.triaged.v1",
                "tierdesk.routing.queued.v1");

        double waitsBefore = TestMetrics.sum("tierdesk_router_queue_wait_seconds_count", "tier=L1");
        String agent = "ivy-" + skill;
        as("sup", "supervisor").body("{\"tier\":\"L1\",\"capacity\":2,\"skills\":[\"" + skill + "\"]}")
                .put("/api/v1/agents/" + agent).then().statusCode(200);
        as(agent, "agent").body("{\"presence\":\"online\"}").post("/api/v1/agents/" + agent + "/presence")
                .then().statusCode(200);

        List<String> work = as(agent, "agent").get("/api/v1/agents/" + agent + "/worklist").then().statusCode(200)
                .extract().path("ticketId");
        assertThat(work).containsExactlyInAnyOrder(criticalDueSoon.toString(), criticalNoSla.toString());
        as("sup", "supervisor").get("/api/v1/agents/load").then().statusCode(200)
                .body("find { it.agentId == '" + agent + "' }.active", equalTo(2))
                .body("find { it.agentId == '" + agent + "' }.utilisation", equalTo(1.0f));
        as("sup", "supervisor").get("/api/v1/tickets/" + lowOld + "/routing").then().body("queuePosition",
                org.hamcrest.Matchers.notNullValue());

        // The lines at a glance agree with the database.
        JsonPath lines = as("sup", "supervisor").get("/api/v1/queues").then().statusCode(200).extract().jsonPath();
        assertThat(lines.getList("tier")).containsExactly("L1", "L2", "L3", "L4");
        assertThat(lines.getLong("find { it.tier == 'L1' }.waiting"))
                .isEqualTo(count("SELECT count(*) FROM routed_ticket WHERE tier = 'L1' AND state = 'queued'"));
        assertThat(lines.getString("find { it.tier == 'L1' }.oldestQueuedAt")).isNotNull();
        assertThat(lines.getInt("find { it.tier == 'L1' }.onlineAgents")).isPositive();

        // Metrics: the two waits just ended are measured; the gauges catch up with the database within an interval.
        assertThat(TestMetrics.sum("tierdesk_router_queue_wait_seconds_count", "tier=L1"))
                .isGreaterThanOrEqualTo(waitsBefore + 2);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(TestMetrics.sum("tierdesk_router_tier_active", "tier=L1")).isGreaterThanOrEqualTo(2.0);
            // Who carries what is for supervisors, not for the open metrics.
            assertThat(io.restassured.RestAssured.get("/q/metrics").asString()).doesNotContain(agent);
            long queuedAtL1 = count("SELECT count(*) FROM routed_ticket WHERE tier = 'L1' AND state = 'queued'");
            assertThat(queuedAtL1).isPositive();
            assertThat(TestMetrics.sum("tierdesk_router_queue_length", "tier=L1")).isEqualTo(queuedAtL1);
            assertThat(TestMetrics.sum("tierdesk_router_queue_oldest_wait_seconds", "tier=L1")).isPositive();
            assertThat(TestMetrics.sum("tierdesk_router_tier_utilisation", "tier=L1")).isPositive();
        });
    }

    private long count(String sql) throws Exception {
        return TestDb.number(database, sql);
    }

    @Test
    void badTiersAndUnknownTicketsAreProblems() {
        as("sup", "supervisor").get("/api/v1/queues/L5").then().statusCode(400).body("errors.field", hasItem("tier"));
        as("sup", "supervisor").get("/api/v1/tickets/" + UUID.randomUUID() + "/routing").then().statusCode(404);
        given().get("/api/v1/agents/load").then().statusCode(401);
    }
}
