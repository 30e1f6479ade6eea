package io.tierdesk.router.api;

import io.tierdesk.testsupport.TestDb;
import io.tierdesk.testsupport.TestEvents;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tierdesk.eventing.config.EventingConfig;
import io.tierdesk.testsupport.TestKafka;
import io.tierdesk.testsupport.TestTokens;
import io.tierdesk.testsupport.TierdeskInfra;
import io.tierdesk.events.EventJson;
import io.tierdesk.events.KafkaBinding;
import io.tierdesk.events.Topics;
import io.tierdesk.events.routing.SupervisorAlerted;
import io.tierdesk.events.sla.SlaBreached;
import io.tierdesk.events.ticket.Urgency;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The breach policy as an operator configures it: escalation off, alerts on, a duty manager as the fallback. */
@QuarkusTest
@TestProfile(BreachPolicyConfigTest.AlertOnly.class)
@WithTestResource(TierdeskInfra.class)
class BreachPolicyConfigTest {
    public static class AlertOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tierdesk.router.breach.functional", "false",
                    "tierdesk.router.breach.fallback-supervisor", "duty-manager");
        }
    }

    @Inject
    EventingConfig eventing;
    @ConfigProperty(name = "tierdesk.db.name")
    String database;

    @Test
    void aBreachOnlyAlertsAndAnAgentWithoutSupervisorFallsBackToTheDutyManager() throws Exception {
        String agent = "l1-" + UUID.randomUUID().toString().substring(0, 6);
        String skill = "ops-" + agent;
        given().header("Authorization", TestTokens.bearer("sup", "supervisor")).contentType("application/json")
                .body("{\"tier\":\"L1\",\"capacity\":5,\"skills\":[\"" + skill + "\"]}")
                .put("/api/v1/agents/" + agent).then().statusCode(200);
        given().header("Authorization", TestTokens.bearer(agent, "agent")).contentType("application/json")
                .body("{\"presence\":\"online\"}").post("/api/v1/agents/" + agent + "/presence").then().statusCode(200);
        UUID ticket = UUID.randomUUID();
        publish(Topics.TICKETS, ticket, TestEvents.opened(ticket, skill, Urgency.HIGH));
        await().atMost(Duration.ofSeconds(30)).until(() -> agent.equals(assignee(ticket)));

        publish(Topics.SLA, ticket, new SlaBreached(ticket, "first-response", Instant.now(), Instant.now()));
        List<SupervisorAlerted> alerts = TestKafka.read(eventing.topic(Topics.ROUTING),
                        r -> ticket.toString().equals(r.key()) && "tierdesk.routing.supervisor-alerted.v1"
                                .equals(TestKafka.header(r, KafkaBinding.TYPE)),
                        found -> !found.isEmpty(), Duration.ofSeconds(30))
                .stream().map(r -> EventJson.read(r.value(), SupervisorAlerted.class)).toList();
        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.supervisorId()).isEqualTo("duty-manager");
            assertThat(alert.assigneeId()).isEqualTo(agent);
        });
        assertThat(TestKafka.read(eventing.topic(Topics.ROUTING), r -> ticket.toString().equals(r.key())
                        && "tierdesk.routing.escalated.v1".equals(TestKafka.header(r, KafkaBinding.TYPE)),
                found -> false, Duration.ofSeconds(2))).as("functional escalation is switched off").isEmpty();
        assertThat(assignee(ticket)).isEqualTo(agent);
    }

    private void publish(String topic, UUID ticket, Object event) {
        TestEvents.publish(eventing.topic(topic), "/test", ticket, event);
    }

    private String assignee(UUID ticket) throws Exception {
        return TestDb.text(database, "SELECT assignee FROM routed_ticket WHERE ticket_id = ?", ticket);
    }
}
