package io.tierdesk.knowledge.api;

import static io.tierdesk.testsupport.TestApi.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tierdesk.eventing.config.EventingConfig;
import io.tierdesk.testsupport.TestDb;
import io.tierdesk.testsupport.TestEvents;
import io.tierdesk.testsupport.TierdeskInfra;
import io.tierdesk.events.Topics;
import io.tierdesk.events.ticket.Channel;
import io.tierdesk.events.ticket.CustomerRef;
import io.tierdesk.events.ticket.Diagnostics;
import io.tierdesk.events.ticket.SupportPlan;
import io.tierdesk.events.ticket.TicketOpened;
import io.tierdesk.events.ticket.Urgency;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Self-service: public answers before filing, and what the customer did next decides whether they helped. */
@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class SelfServiceTest {
    @Inject
    EventingConfig eventing;
    @Inject
    io.tierdesk.knowledge.application.KnowledgeGauges gauges;
    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;
    @ConfigProperty(name = "tierdesk.db.name")
    String database;

    private static String ask(String customer, String text) {
        return as("portal", "channel").body("{\"customer\": \"" + customer + "\", \"text\": \"" + text + "\"}")
                .post("/api/v1/self-service/queries").then().statusCode(201).extract().path("queryId");
    }

    @Test
    void customersSeePublicAnswersAndTheirNextStepDecidesTheDeflection() throws Exception {
        Instant from = Instant.now().minusSeconds(1);
        String visible = SearchTest.publish(SearchTest.article("Как сбросить пароль на портале",
                "Нажмите забыли пароль", "ru", "public", null));
        String hidden = SearchTest.publish(SearchTest.article("Сброс пароля в консоли домена",
                "Администратор сбрасывает пароль", "ru", "internal", null));
        String customer = "c-" + UUID.randomUUID();
        var answer = as("portal", "channel").body("{\"customer\": \"" + customer + "\", \"text\": \"забыл пароль\"}")
                .post("/api/v1/self-service/queries").then().statusCode(201)
                .body("articles.articleId", hasItem(visible)).body("articles.articleId", not(hasItem(hidden)))
                .extract().jsonPath();
        String solved = answer.getString("queryId");
        as("portal", "channel").body("{\"solved\": true}").post("/api/v1/self-service/queries/" + solved + "/feedback")
                .then().statusCode(204);
        as("bot", "channel").body("{\"solved\": false}").post("/api/v1/self-service/queries/" + solved + "/feedback")
                .then().statusCode(404);
        as("portal", "channel").body("{}").post("/api/v1/self-service/queries/" + solved + "/feedback").then()
                .statusCode(400).body("errors.field", hasItem("solved"));

        // The same customer asks about the printer and then opens a ticket about it: not deflected.
        String printer = ask(customer, "принтер не печатает");
        ask(customer, "как поменять тему оформления");
        UUID ticket = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        TestEvents.publish(eventing.topic(Topics.TICKETS), "/test", ticket, new TicketOpened(ticket, "TD-SS1",
                Channel.PORTAL, new CustomerRef(customer, null, null, null, "ru"), SupportPlan.WARRANTY,
                "Принтер не печатает совсем", "Ничего не помогло", Diagnostics.NONE, Urgency.MEDIUM, null, List.of(),
                null, Instant.now()), eventId, Instant.now());
        await().atMost(Duration.ofSeconds(30)).until(() -> TestDb.number(database,
                "SELECT count(*) FROM processed_event WHERE event_id = ?", eventId.toString()) == 1);
        assertThat(TestDb.text(database, "SELECT CAST(ticket_id AS text) FROM self_service_query WHERE query_id = "
                + "CAST(? AS uuid)", printer)).isEqualTo(ticket.toString());

        // Solved: deflected; followed by a ticket: not; the third is still within its day.
        as("sam", "supervisor").queryParam("from", from.toString()).get("/api/v1/self-service/deflection").then()
                .statusCode(200).body("queries", equalTo(3)).body("deflected", equalTo(1))
                .body("notDeflected", equalTo(1)).body("pending", equalTo(1)).body("rate", equalTo(0.5f));
        as("anna", "agent").get("/api/v1/self-service/deflection").then().statusCode(403);
        // The gauges count the same: published articles are there, and this test's one deflected of two settled.
        gauges.refresh().await().atMost(Duration.ofSeconds(30));
        assertThat(registry.get("tierdesk.knowledge.articles").tag("state", "published").gauge().value())
                .isGreaterThanOrEqualTo(2);
        assertThat(registry.get("tierdesk.knowledge.deflection.rate").gauge().value()).isEqualTo(0.5);
        as("portal", "channel").body("{\"customer\": \"" + customer + "\"}").post("/api/v1/self-service/queries")
                .then().statusCode(400).body("errors.field", hasItem("text"));
    }

    /** A channel's retry after a lost answer is the same query: one row, one answer, not two the deflection counts. */
    @Test
    void aRetriedQueryWithItsIdempotencyKeyIsAskedOnce() throws Exception {
        String customer = "idem-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        String body = "{\"customer\": \"" + customer + "\", \"text\": \"принтер не печатает\"}";
        String first = as("portal", "channel").header("Idempotency-Key", key).body(body)
                .post("/api/v1/self-service/queries").then().statusCode(201).extract().path("queryId");
        as("portal", "channel").header("Idempotency-Key", key).body(body).post("/api/v1/self-service/queries")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("queryId", equalTo(first));
        as("portal", "channel").header("Idempotency-Key", key).body(body.replace("принтер", "сканер"))
                .post("/api/v1/self-service/queries").then().statusCode(422)
                .body("errors.field", hasItem("Idempotency-Key"));
        assertThat(io.tierdesk.testsupport.TestDb.number(database,
                "SELECT count(*) FROM self_service_query WHERE customer = ?", customer)).isEqualTo(1);
        // Out of the way of the deflection figures the other test works out by hand.
        io.tierdesk.testsupport.TestDb.number(database, "WITH gone AS (DELETE FROM self_service_query "
                + "WHERE customer = ? RETURNING 1) SELECT count(*) FROM gone", customer);
    }
}
