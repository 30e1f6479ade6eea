package io.tierdesk.intake.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tierdesk.testsupport.TestDb;
import io.tierdesk.testsupport.TestTokens;
import io.tierdesk.testsupport.TierdeskInfra;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Failures reported by monitoring: one ticket per failure however often it is raised, resolved when it clears. */
@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class MonitoringAlertsTest {
    @ConfigProperty(name = "tierdesk.db.name")
    String database;

    private static String customer(String plan) {
        String id = "mon-" + UUID.randomUUID().toString().substring(0, 8);
        given().header("Authorization", TestTokens.bearer("sup", "supervisor")).contentType("application/json")
                .body("{\"name\":\"Initech\",\"email\":\"ops@initech.example\",\"language\":\"en\",\"plan\":\"" + plan
                        + "\",\"planValidUntil\":\"2099-12-31\"}")
                .put("/api/v1/customers/" + id).then().statusCode(200);
        return id;
    }

    private static String alert(String type, String customer, String key, String severity) {
        return Channel.structured(UUID.randomUUID().toString(), "tierdesk.channel.alert." + type,
                "{\"customer\":{\"externalId\":\"" + customer + "\"},\"alertKey\":\"" + key + "\","
                        + "\"object\":\"db-01.initech.local\",\"severity\":\"" + severity + "\","
                        + "\"summary\":\"RAID array degraded\",\"details\":\"Disk 3 of 4 reports media errors.\"}");
    }

    private static JsonPath batch(List<String> events) {
        return given().header("Authorization", TestTokens.bearer("mail-gateway", "channel"))
                .contentType("application/cloudevents-batch+json").body("[" + String.join(",", events) + "]")
                .post("/api/v1/channel-events").then().statusCode(200).extract().jsonPath();
    }

    private long events(String ticketId, String type) throws Exception {
        return TestDb.number(database, "SELECT count(*) FROM event WHERE stream_id = ? AND type = ?", ticketId, type);
    }

    @Test
    void aStormOfAThousandRepeatsMakesOneTicketWithTheCountOnIt() throws Exception {
        String customer = customer("premium");
        String key = "raid-" + UUID.randomUUID();
        String ticketId = Channel.post(alert("raised", customer, key, "critical")).statusCode(201)
                .body("outcome", equalTo("created")).body("repeats", equalTo(1)).extract().path("ticketId");
        Set<String> tickets = new HashSet<>();
        List<String> outcomes = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            List<String> storm = new ArrayList<>();
            for (int i = 0; i < (round == 9 ? 99 : 100); i++) {
                storm.add(alert("raised", customer, key, "critical"));
            }
            JsonPath answers = batch(storm);
            tickets.addAll(answers.getList("answer.ticketId"));
            outcomes.addAll(answers.getList("answer.outcome"));
        }
        assertThat(tickets).containsExactly(ticketId);
        assertThat(outcomes).hasSize(999).containsOnly("repeated");
        assertThat(events(ticketId, "tierdesk.ticket.opened.v1")).isEqualTo(1);
        assertThat(TestDb.number(database, "SELECT count(*) FROM event WHERE stream_id = ?", ticketId))
                .as("repeats are counted, not journaled").isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .header("Authorization", TestTokens.bearer("anna", "agent")).get("/api/v1/tickets/" + ticketId)
                .then().statusCode(200).body("channel", equalTo("monitoring")).body("statedUrgency", equalTo("critical"))
                .body("plan", equalTo("premium")).body("diagnostics.equipment", equalTo("db-01.initech.local"))
                .body("alert.raised", equalTo(1000)).body("alert.alertKey", equalTo(key)));
    }

    @Test
    void aClearingResolvesAnUntouchedTicketAndOnlyNotesTheRecoveryOnOneAnAgentWorks() throws Exception {
        String customer = customer("premium");
        String quiet = "disk-" + UUID.randomUUID();
        String quietTicket = Channel.post(alert("raised", customer, quiet, "minor")).statusCode(201).extract()
                .path("ticketId");
        Channel.post(alert("cleared", customer, quiet, "minor")).statusCode(200).body("outcome", equalTo("resolved"))
                .body("ticketId", equalTo(quietTicket));
        assertThat(events(quietTicket, "tierdesk.ticket.internal-note-added.v1")).isEqualTo(1);
        assertThat(events(quietTicket, "tierdesk.ticket.resolved.v1")).isEqualTo(1);
        // Flapping: raised again within the reopen window, the same ticket comes back rather than a new one.
        Channel.post(alert("raised", customer, quiet, "minor")).statusCode(200).body("outcome", equalTo("reopened"))
                .body("ticketId", equalTo(quietTicket)).body("repeats", equalTo(2));

        String worked = "cpu-" + UUID.randomUUID();
        String workedTicket = Channel.post(alert("raised", customer, worked, "major")).statusCode(201).extract()
                .path("ticketId");
        await().atMost(Duration.ofSeconds(30)).until(() -> given()
                .header("Authorization", TestTokens.bearer("anna", "agent")).get("/api/v1/tickets/" + workedTicket)
                .statusCode() == 200);
        given().header("Authorization", TestTokens.bearer("boss", "supervisor")).contentType("application/json")
                .body("{\"body\":\"Looking at the controller now.\"}").post("/api/v1/tickets/" + workedTicket + "/replies")
                .then().statusCode(200);
        Channel.post(alert("cleared", customer, worked, "major")).statusCode(200).body("outcome", equalTo("recovered"));
        assertThat(events(workedTicket, "tierdesk.ticket.resolved.v1")).as("an agent works it: theirs to resolve")
                .isZero();
        assertThat(events(workedTicket, "tierdesk.ticket.internal-note-added.v1")).isEqualTo(1);

        Channel.post(alert("cleared", customer, "never-raised", "minor")).statusCode(200)
                .body("outcome", equalTo("nothing-open"));
    }

    @Test
    void alertsForAPlanWithoutMonitoringOrAnUnknownCustomerOrOfBadShapeAreRefusedAndChangeNothing() throws Exception {
        String warranty = customer("warranty");
        long before = TestDb.number(database, "SELECT count(*) FROM ticket_view WHERE customer_id = ?", warranty);
        Channel.post(alert("raised", warranty, "k1", "critical")).statusCode(422)
                .contentType("application/problem+json").body("errors.field", hasItem("plan"));
        Channel.post(alert("raised", "nobody-" + UUID.randomUUID(), "k1", "critical")).statusCode(422)
                .body("errors.field", hasItem("customer.externalId"));
        String premium = customer("premium");
        Channel.post(alert("raised", premium, "k1", "apocalyptic")).statusCode(400)
                .body("errors.field", hasItem("severity"));
        Channel.post(alert("raised", premium, "k1", "critical").replace("\"alertKey\":\"k1\",", "")).statusCode(400)
                .body("errors.field", hasItem("alertKey"));
        assertThat(TestDb.number(database, "SELECT count(*) FROM ticket_view WHERE customer_id IN (?, ?)", warranty,
                premium)).isEqualTo(before);
        assertThat(TestDb.number(database, "SELECT count(*) FROM alert_ticket WHERE customer_id IN (?, ?)", warranty,
                premium)).isZero();
    }
}
