package io.tierdesk.router.api;

import io.tierdesk.testsupport.TestDb;
import io.tierdesk.testsupport.TestEvents;
import static io.tierdesk.testsupport.TestApi.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tierdesk.eventing.config.EventingConfig;
import io.tierdesk.testsupport.TierdeskInfra;
import io.tierdesk.events.Topics;
import io.tierdesk.events.ticket.SupportPlan;
import io.tierdesk.events.ticket.Urgency;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class RulesTriageAndTakeTest {
    @Inject
    EventingConfig eventing;

    private UUID open(String product, SupportPlan plan, Urgency urgency) {
        UUID ticket = UUID.randomUUID();
        TestEvents.publish(eventing.topic(Topics.TICKETS), "/test", ticket, TestEvents.opened(ticket, product, urgency,
                plan));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("sup", "supervisor")
                .get("/api/v1/tickets/" + ticket + "/routing").then().statusCode(200));
        return ticket;
    }

    @Test
    void rulesAreVersionedAnInvalidSetIsRefusedAndTheRulesDecideWhereTicketsStart() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        long before = as("sup", "supervisor").get("/api/v1/routing-rules").then().statusCode(200).extract()
                .jsonPath().getLong("version");

        as("sup", "supervisor").body("{\"rules\":[{\"name\":\"x\",\"startTier\":\"L4\",\"category\":\"a\"},"
                        + "{\"name\":\"x\",\"category\":\"b\"}]}").put("/api/v1/routing-rules")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("rules[0].startTier")).body("errors.field", hasItem("rules[1].name"));
        as("sup", "supervisor").get("/api/v1/routing-rules").then().body("version", equalTo((int) before));
        as("anna", "agent").body("{\"rules\":[]}").put("/api/v1/routing-rules").then().statusCode(403);

        as("sup", "supervisor").body("{\"rules\":[{\"name\":\"premium servers " + run + "\",\"category\":\"servers-"
                        + run + "\",\"plan\":\"premium\",\"skill\":\"linux-" + run + "\",\"startTier\":\"L2\","
                        + "\"impact\":\"high\"}]}").put("/api/v1/routing-rules")
                .then().statusCode(200).body("version", equalTo((int) before + 1));

        UUID premium = open("servers-" + run, SupportPlan.PREMIUM, Urgency.HIGH);
        as("sup", "supervisor").get("/api/v1/tickets/" + premium + "/routing").then()
                .body("tier", equalTo("L2")).body("priority", equalTo("P2"));
        UUID warranty = open("servers-" + run, SupportPlan.WARRANTY, Urgency.HIGH);
        as("sup", "supervisor").get("/api/v1/tickets/" + warranty + "/routing").then()
                .body("tier", equalTo("L1")).body("priority", equalTo("P2"));

        as("l1", "agent").body("{\"impact\":\"critical\",\"urgency\":\"critical\"}")
                .post("/api/v1/tickets/" + warranty + "/triage").then().statusCode(200).body("priority", equalTo("P1"));
        List<String> history = as("sup", "supervisor").get("/api/v1/tickets/" + warranty + "/routing").then()
                .body("priority", equalTo("P1")).extract().path("history.type");
        assertThat(history.stream().filter("tierdesk.routing.triaged.v1"::equals)).hasSize(2);
        as("l1", "agent").body("{\"impact\":\"enormous\"}").post("/api/v1/tickets/" + warranty + "/triage")
                .then().statusCode(400).body("errors.field", hasItem("impact"));
        // The refusal quotes a short stretch of a huge value, never the whole of it.
        String refusal = as("l1", "agent").body("{\"impact\":\"" + "e".repeat(300_000) + "\"}")
                .post("/api/v1/tickets/" + warranty + "/triage")
                .then().statusCode(400).body("errors.field", hasItem("impact")).extract().asString();
        assertThat(refusal.length()).isLessThan(4_000);
    }

    @Test
    void takingATicketMayGoOverCapacityAndAutoAssignmentThenPassesTheAgentBy() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String skill = "sap-" + run;
        String agent = "solo-" + run;
        as("sup", "supervisor").body("{\"tier\":\"L1\",\"capacity\":1,\"skills\":[\"" + skill + "\"]}")
                .put("/api/v1/agents/" + agent).then().statusCode(200);
        as(agent, "agent").body("{\"presence\":\"online\"}").post("/api/v1/agents/" + agent + "/presence")
                .then().statusCode(200);
        UUID first = open(skill, SupportPlan.WARRANTY, Urgency.LOW);
        as("sup", "supervisor").get("/api/v1/tickets/" + first + "/routing").then().body("assignee", equalTo(agent));
        UUID second = open(skill, SupportPlan.WARRANTY, Urgency.LOW);
        as("sup", "supervisor").get("/api/v1/tickets/" + second + "/routing").then().body("state", equalTo("queued"));

        as(agent, "agent").body("{}").post("/api/v1/tickets/" + second + "/assignment").then().statusCode(200);
        as("sup", "supervisor").get("/api/v1/agents/load").then()
                .body("find { it.agentId == '" + agent + "' }.active", equalTo(2));

        UUID third = open(skill, SupportPlan.WARRANTY, Urgency.LOW);
        as("sup", "supervisor").get("/api/v1/tickets/" + third + "/routing").then().body("state", equalTo("queued"));

        as("other", "agent").body("{\"agentId\":\"" + agent + "\"}").post("/api/v1/tickets/" + third + "/assignment")
                .then().statusCode(403);
        // Another agent of the line cannot take a ticket that is someone's: it would make them its assignee.
        String rival = "rival-" + run;
        as("sup", "supervisor").body("{\"tier\":\"L1\",\"capacity\":5,\"skills\":[\"" + skill + "\"]}")
                .put("/api/v1/agents/" + rival).then().statusCode(200);
        as(rival, "agent").body("{}").post("/api/v1/tickets/" + first + "/assignment").then().statusCode(403)
                .body("errors.field", hasItem("take-from-queue"));
        as("sup", "supervisor").get("/api/v1/tickets/" + first + "/routing").then().body("assignee", equalTo(agent));
        as("boss", "supervisor").body("{\"agentId\":\"" + rival + "\"}")
                .post("/api/v1/tickets/" + first + "/assignment").then().statusCode(200);
        as("boss", "supervisor").body("{\"agentId\":\"nobody-" + run + "\"}")
                .post("/api/v1/tickets/" + third + "/assignment").then().statusCode(422);
    }

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "tierdesk.db.name")
    String database;

    @Test
    void aWriteOfTheRulesThatLosesTheRaceToAnotherIsAConflictNotAServerError() throws Exception {
        long current = as("sup", "supervisor").get("/api/v1/routing-rules").then().statusCode(200).extract()
                .jsonPath().getLong("version");
        java.util.concurrent.ExecutorService thread = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (java.sql.Connection other = TierdeskInfra.connect(database)) {
            other.setAutoCommit(false);
            // Another writer has read the same version and inserted the next one, not yet committed.
            try (java.sql.PreparedStatement insert = other.prepareStatement("INSERT INTO routing_rules (version, "
                    + "rules, created_by, created_at) VALUES (?, CAST(? AS jsonb), 'other', now())")) {
                insert.setLong(1, current + 1);
                insert.setString(2, "{\"version\":" + (current + 1) + ",\"rules\":[]}");
                insert.executeUpdate();
            }
            java.util.concurrent.Future<io.restassured.response.Response> put = thread.submit(() ->
                    as("sup", "supervisor").body("{\"rules\":[]}").put("/api/v1/routing-rules"));
            TestDb.awaitWaitingOnLock(database);
            other.commit();
            put.get(30, java.util.concurrent.TimeUnit.SECONDS).then().statusCode(409)
                    .contentType("application/problem+json").body("errors.field", hasItem("version"));
        } finally {
            thread.shutdownNow();
        }
        as("sup", "supervisor").get("/api/v1/routing-rules").then().body("version", equalTo((int) current + 1));
    }
}
