package io.tierdesk.router.api;

import static io.tierdesk.testsupport.TestApi.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tierdesk.eventing.config.EventingConfig;
import io.tierdesk.events.EventJson;
import io.tierdesk.events.KafkaBinding;
import io.tierdesk.events.Topics;
import io.tierdesk.events.ticket.Urgency;
import io.tierdesk.testsupport.TestDb;
import io.tierdesk.testsupport.TestEvents;
import io.tierdesk.testsupport.TestKafka;
import io.tierdesk.testsupport.TierdeskInfra;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The vendors of L4: a catalogue an admin keeps, the case an escalation opens there, the vendor's answers on it. */
@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class VendorEscalationTest {
    private static final String AGREEMENT = "{\"name\":\"Printers Inc.\",\"contact\":\"support@printers.example\","
            + "\"products\":[\"printer\"],\"agreement\":{\"response\":\"PT4H\",\"resolution\":\"P2D\",\"calendar\":\"office\"}}";

    @Inject
    EventingConfig eventing;
    @ConfigProperty(name = "tierdesk.db.name")
    String database;

    @Test
    void vendorsAreACatalogueOnlyAnAdminChangesEachChangeANewVersion() {
        String id = "printers-" + UUID.randomUUID().toString().substring(0, 6);
        as("sup", "supervisor").body(AGREEMENT).put("/api/v1/vendors/" + id).then().statusCode(403);
        as("root", "admin").body(AGREEMENT).put("/api/v1/vendors/" + id).then().statusCode(201)
                .body("version", equalTo(1)).body("agreement.response", equalTo("PT4H"))
                .body("agreement.calendar", equalTo("office"));
        as("root", "admin").body(AGREEMENT.replace("PT4H", "PT2H")).put("/api/v1/vendors/" + id).then()
                .statusCode(200).body("version", equalTo(2)).body("agreement.response", equalTo("PT2H"));
        as("anna", "agent").get("/api/v1/vendors/" + id).then().statusCode(200).body("version", equalTo(2))
                .body("products", hasItem("printer"));
        as("anna", "agent").get("/api/v1/vendors").then().statusCode(200).body("id", hasItem(id));

        for (String[] bad : List.of(
                new String[] {AGREEMENT.replace("\"PT4H\"", "\"four hours\""), "agreement.response"},
                new String[] {AGREEMENT.replace("\"P2D\"", "\"-P2D\""), "agreement.resolution"},
                new String[] {AGREEMENT.replace("\"office\"", "\"Office Hours\""), "agreement.calendar"},
                new String[] {"{\"name\":\"No terms\"}", "agreement"},
                new String[] {"{\"name\":\"No targets\",\"agreement\":{}}", "agreement.response"},
                new String[] {AGREEMENT.replace("Printers Inc.", " "), "name"})) {
            as("root", "admin").body(bad[0]).put("/api/v1/vendors/" + id).then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem(bad[1]));
        }
        as("root", "admin").body(AGREEMENT).put("/api/v1/vendors/Not%20An%20Id").then().statusCode(400)
                .body("errors.field", hasItem("id"));
        as("anna", "agent").get("/api/v1/vendors/" + id).then().body("version", equalTo(2));
        as("anna", "agent").get("/api/v1/vendors/no-such-vendor").then().statusCode(404);
    }

    @Test
    void anEscalationToL4OpensACaseAtANamedVendorUnderItsAgreementAndItsAnswersAreRecordedUntilTheReturn()
            throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String vendor = "hp-" + run;
        as("root", "admin").body(AGREEMENT).put("/api/v1/vendors/" + vendor).then().statusCode(201);
        String l1 = "l1-" + run;
        as("sup", "supervisor").body("{\"tier\":\"L1\",\"capacity\":5,\"skills\":[\"printer-" + run + "\"]}")
                .put("/api/v1/agents/" + l1).then().statusCode(200);
        as(l1, "agent").body("{\"presence\":\"online\"}").post("/api/v1/agents/" + l1 + "/presence").then()
                .statusCode(200);
        UUID ticket = UUID.randomUUID();
        TestEvents.publish(eventing.topic(Topics.TICKETS), "/test", ticket,
                TestEvents.opened(ticket, "printer-" + run, Urgency.HIGH), UUID.randomUUID(), Instant.now());
        await().atMost(Duration.ofSeconds(30)).until(() -> l1.equals(TestDb.text(database,
                "SELECT assignee FROM routed_ticket WHERE ticket_id = ?", ticket)));
        String path = "/api/v1/tickets/" + ticket;

        // Nothing to record against before the case exists.
        as(l1, "agent").body("{\"message\":\"we called them\"}").post(path + "/vendor-updates").then()
                .statusCode(422).body("errors.field", hasItem("vendorCase"));
        for (String[] bad : List.of(
                new String[] {"{\"targetTier\":\"L4\",\"reason\":\"vendor\",\"vendorCase\":\"C-1\"}", "vendor"},
                new String[] {"{\"targetTier\":\"L4\",\"reason\":\"vendor\",\"vendor\":\"" + vendor + "\"}",
                        "vendorCase"},
                new String[] {"{\"targetTier\":\"L4\",\"reason\":\"vendor\",\"vendor\":\"nobody-" + run
                        + "\",\"vendorCase\":\"C-1\"}", "vendor"},
                new String[] {"{\"targetTier\":\"L2\",\"reason\":\"x\",\"vendor\":\"" + vendor + "\"}", "vendor"})) {
            as("boss", "supervisor").body(bad[0]).post(path + "/escalations").then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem(bad[1]));
        }
        assertThat(TestDb.text(database, "SELECT tier FROM routed_ticket WHERE ticket_id = ?", ticket))
                .as("refused escalations move nothing").isEqualTo("L1");

        as("boss", "supervisor").body("{\"targetTier\":\"L4\",\"reason\":\"manufacturer defect\",\"vendor\":\""
                + vendor + "\",\"vendorCase\":\"HP-2026-77\"}").post(path + "/escalations").then().statusCode(200)
                .body("tier", equalTo("L4"));
        // The catalogue changes after the case opened: the case keeps the terms it was opened under.
        as("root", "admin").body(AGREEMENT.replace("PT4H", "PT1H")).put("/api/v1/vendors/" + vendor).then()
                .statusCode(200);
        as(l1, "agent").body("{}").post(path + "/vendor-updates").then().statusCode(400)
                .body("errors.field", hasItem("message"));
        as("stranger-" + run, "agent").body("{\"message\":\"x\"}").post(path + "/vendor-updates").then()
                .statusCode(403);
        as(l1, "agent").body("{\"message\":\"Vendor confirms the fuser defect; part ordered.\"}")
                .post(path + "/vendor-updates").then().statusCode(201).body("vendorId", equalTo(vendor))
                .body("caseReference", equalTo("HP-2026-77")).body("resolved", equalTo(false));
        as(l1, "agent").body("{\"message\":\"Fuser replaced on site by the vendor.\",\"resolved\":true}")
                .post(path + "/vendor-updates").then().statusCode(201).body("resolved", equalTo(true));
        as(l1, "agent").body("{\"note\":\"vendor fixed it\"}").post(path + "/returns").then().statusCode(200)
                .body("tier", equalTo("L1"));
        as(l1, "agent").body("{\"message\":\"late mail from the vendor\"}").post(path + "/vendor-updates").then()
                .statusCode(422).body("errors.field", hasItem("vendorCase"));

        List<ConsumerRecord<String, byte[]>> records = TestKafka.read(eventing.topic(Topics.ROUTING),
                r -> ticket.toString().equals(r.key()), found -> found.size() >= 6, Duration.ofSeconds(30));
        List<String> types = records.stream().map(r -> TestKafka.header(r, KafkaBinding.TYPE)).toList();
        assertThat(types).containsSubsequence("tierdesk.routing.escalated.v1",
                "tierdesk.routing.vendor-update-recorded.v1", "tierdesk.routing.vendor-update-recorded.v1",
                "tierdesk.routing.returned.v1");
        assertThat(types.stream().filter("tierdesk.routing.vendor-update-recorded.v1"::equals)).hasSize(2);
        JsonNode escalated = EventJson.mapper().readTree(records.get(types.indexOf("tierdesk.routing.escalated.v1"))
                .value());
        assertThat(escalated.at("/vendor/vendorId").asText()).isEqualTo(vendor);
        assertThat(escalated.at("/vendor/name").asText()).isEqualTo("Printers Inc.");
        assertThat(escalated.at("/vendor/caseReference").asText()).isEqualTo("HP-2026-77");
        assertThat(escalated.at("/vendor/agreement/response").asText()).as("the terms in force at the escalation")
                .isEqualTo("PT4H");
        assertThat(escalated.at("/vendor/agreement/resolution").asText()).isEqualTo("P2D");
        assertThat(escalated.at("/vendor/agreement/calendar").asText()).isEqualTo("office");
        JsonNode fixed = EventJson.mapper().readTree(records.get(types.lastIndexOf(
                "tierdesk.routing.vendor-update-recorded.v1")).value());
        assertThat(fixed.path("resolved").asBoolean()).isTrue();
        assertThat(fixed.path("by").asText()).isEqualTo(l1);
    }
}
