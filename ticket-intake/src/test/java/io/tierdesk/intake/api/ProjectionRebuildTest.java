package io.tierdesk.intake.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tierdesk.eventing.config.EventingConfig;
import io.tierdesk.events.Topics;
import io.tierdesk.events.routing.Priority;
import io.tierdesk.events.routing.Tier;
import io.tierdesk.events.routing.TicketAssigned;
import io.tierdesk.events.routing.TicketTriaged;
import io.tierdesk.events.sla.SlaClockStarted;
import io.tierdesk.testsupport.TestApi;
import io.tierdesk.testsupport.TestDb;
import io.tierdesk.testsupport.TestEvents;
import io.tierdesk.testsupport.TierdeskInfra;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The agents' view rebuilt from its five topics beside the live one: equal while the consumers keep it, and a row
 * changed behind their back shows up as the live row the rebuilt one lacks and the rebuilt row the live one lacks.
 */
@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class ProjectionRebuildTest {
    @Inject
    EventingConfig eventing;
    @Inject
    Clock clock;
    @ConfigProperty(name = "tierdesk.db.name")
    String database;

    @Test
    void theViewRebuiltFromItsTopicsEqualsTheLiveOneAndAChangedRowIsNamed() throws Exception {
        UUID ticket = UUID.fromString(Channel.postMessage("c-" + UUID.randomUUID(), "Printer jams", "Every page", null)
                .statusCode(201).extract().path("ticketId"));
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        publish(Topics.ROUTING, "/escalation-router", ticket, new TicketTriaged(ticket, "medium", "medium",
                Priority.P3, "printers", "hardware", Tier.L1, "policy", now));
        // More events than a stretch (50 in the tests): the rebuild must go on from one stretch to the next.
        for (int i = 0; i < 60; i++) {
            publish(Topics.ROUTING, "/escalation-router", ticket, new TicketAssigned(ticket, i % 2 == 0 ? "boris"
                    : "alice", Tier.L1, "policy", now.plusMillis(i)));
        }
        publish(Topics.SLA, "/sla-monitor", ticket, new SlaClockStarted(ticket, "resolution", "warranty",
                now.plus(Duration.ofHours(8)), now));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> TestApi.as("alice", "agent")
                .get("/api/v1/tickets/" + ticket).then().statusCode(200).body("assignee", equalTo("alice"))
                .body("sla.resolution.state", equalTo("running")));

        assertThat(TestApi.as("ops", "admin").get("/api/v1/projections").then().statusCode(200).extract()
                .<List<String>>path("")).contains("ticket-view");
        JsonPath equal = rebuild();
        assertThat(equal.getBoolean("equal")).as(equal.prettify()).isTrue();
        assertThat(equal.getLong("events")).isGreaterThan(60);
        assertThat(equal.getLong("transactions")).isGreaterThan(equal.getLong("events") / 50);
        assertThat(equal.<String>getList("tables.table")).containsExactly("ticket_view", "ticket_timeline",
                "ticket_routing", "ticket_sla_clock", "ticket_suggestion");
        assertThat(TestDb.number(database, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'rebuild\\_%'"))
                .as("the rebuilt projection is dropped").isZero();

        String subject = TestDb.text(database, "SELECT subject FROM ticket_view WHERE ticket_id = ?", ticket);
        execute("UPDATE ticket_view SET subject = 'changed behind the consumer' WHERE ticket_id = ?", ticket);
        execute("UPDATE ticket_routing SET assignee = 'mallory' WHERE ticket_id = ?", ticket);
        try {
            JsonPath differs = rebuild();
            assertThat(differs.getBoolean("equal")).isFalse();
            Map<String, Object> view = differs.getMap("tables.find { it.table == 'ticket_view' }");
            assertThat(view).containsEntry("missing", 1).containsEntry("extra", 1);
            assertThat(differs.<String>getList("tables.find { it.table == 'ticket_view' }.missingRows.subject"))
                    .containsExactly("changed behind the consumer");
            assertThat(differs.<String>getList("tables.find { it.table == 'ticket_view' }.extraRows.subject"))
                    .containsExactly(subject);
            assertThat(differs.<String>getList("tables.find { it.table == 'ticket_routing' }.extraRows.assignee"))
                    .containsExactly("alice");
            assertThat(differs.<Integer>getList("tables.findAll { it.table != 'ticket_view' && it.table != "
                    + "'ticket_routing' }.missing")).containsOnly(0);
            assertThat(TestDb.text(database, "SELECT subject FROM ticket_view WHERE ticket_id = ?", ticket))
                    .as("a rebuild changes nothing live").isEqualTo("changed behind the consumer");
        } finally {
            execute("UPDATE ticket_view SET subject = ? WHERE ticket_id = ?", subject, ticket);
            execute("UPDATE ticket_routing SET assignee = 'alice' WHERE ticket_id = ?", ticket);
        }
    }

    @Test
    void aProjectionThisServiceDoesNotKeepIsNotFoundAndOnlyAdminsRebuild() {
        TestApi.as("ops", "admin").post("/api/v1/projections/routed-tickets/rebuilds").then().statusCode(404)
                .contentType("application/problem+json");
        TestApi.as("alice", "agent").post("/api/v1/projections/ticket-view/rebuilds").then().statusCode(403);
    }

    private JsonPath rebuild() {
        return TestApi.as("ops", "admin").post("/api/v1/projections/ticket-view/rebuilds").then().statusCode(200)
                .extract().jsonPath();
    }

    private void publish(String topic, String source, UUID ticket, Object event) {
        TestEvents.publish(eventing.topic(topic), source, ticket, event, UUID.randomUUID(), clock.instant());
    }

    private void execute(String sql, Object... parameters) throws Exception {
        try (Connection c = TierdeskInfra.connect(database); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
