package io.tierdesk.intake.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.tierdesk.eventing.config.EventingConfig;
import io.tierdesk.testsupport.TestDb;
import io.tierdesk.testsupport.TestKafka;
import io.tierdesk.testsupport.TestTokens;
import io.tierdesk.testsupport.TierdeskInfra;
import io.tierdesk.events.EventJson;
import io.tierdesk.events.Topics;
import io.tierdesk.events.ticket.Channel;
import io.tierdesk.events.ticket.TicketOpened;
import io.tierdesk.events.ticket.Urgency;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** L1 registers a phone call or a walk-in through the API, and is recorded as the one who did. */
@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class TicketRegistrationTest {
    @Inject
    EventingConfig eventing;
    @ConfigProperty(name = "tierdesk.db.name")
    String database;

    private static RequestSpecification as(String agent, String role) {
        return given().header("Authorization", TestTokens.bearer(agent, role)).contentType("application/json");
    }

    private static String registration(String channel, String customer) {
        return """
                {"channel": "%s", "customer": %s, "subject": "Принтер не печатает",
                 "body": "Звонок: принтер в бухгалтерии молчит с утра", "urgency": "high",
                 "diagnostics": {"product": "printer", "location": "бухгалтерия"}}""".formatted(channel, customer);
    }

    @Test
    void anAgentRegistersAPhoneCallAndIsRecordedAsItsContact() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String key = UUID.randomUUID().toString();
        String body = registration("phone", "{\"name\": \"Ольга Смирнова " + run + "\", \"phone\": \"+7 (495) 123-"
                + run.substring(0, 2) + "-00\", \"email\": \"olga-" + run + "@example.org\", \"language\": \"ru\"}");
        var created = as("anna", "agent").header("Idempotency-Key", key).body(body).post("/api/v1/tickets").then()
                .statusCode(201).body("number", matchesPattern("TD-\\d{6,}")).extract();
        String ticketId = created.path("ticketId");
        String customerId = created.path("customerId");
        // A retry after a lost answer: the same ticket, nothing opened twice.
        as("anna", "agent").header("Idempotency-Key", key).body(body).post("/api/v1/tickets").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("ticketId", equalTo(ticketId));
        assertThat(TestDb.number(database, "SELECT count(*) FROM event WHERE type = 'tierdesk.ticket.opened.v1' "
                + "AND payload -> 'customer' ->> 'externalId' = ?", customerId)).isEqualTo(1);

        List<TicketOpened> opened = TestKafka.read(eventing.topic(Topics.TICKETS), r -> ticketId.equals(r.key()),
                found -> !found.isEmpty(), Duration.ofSeconds(30)).stream()
                .map(r -> EventJson.read(r.value(), TicketOpened.class)).toList();
        assertThat(opened).singleElement().satisfies(o -> {
            assertThat(o.registeredBy()).isEqualTo("anna");
            assertThat(o.channel()).isEqualTo(Channel.PHONE);
            assertThat(o.statedUrgency()).isEqualTo(Urgency.HIGH);
            assertThat(o.customer().name()).isEqualTo("Ольга Смирнова " + run);
            assertThat(o.diagnostics().product()).isEqualTo("printer");
        });

        // The next call finds her by name, e-mail or phone digits.
        for (String q : List.of("смирнова " + run, "olga-" + run, "123" + run.substring(0, 2))) {
            as("boris", "agent").queryParam("q", q).get("/api/v1/customers").then().statusCode(200)
                    .body("externalId", hasItem(customerId));
        }
        // A walk-in for her, named by her id, is her ticket too.
        as("boris", "agent").body(registration("walk-in", "{\"externalId\": \"" + customerId + "\", \"name\": "
                + "\"Ольга\", \"language\": \"ru\"}")).post("/api/v1/tickets").then().statusCode(201)
                .body("customerId", equalTo(customerId));
    }

    @Test
    void everyBadFieldIsA400NamingItAndOpensNothing() throws Exception {
        long before = TestDb.number(database, "SELECT count(*) FROM event");
        String customer = "{\"name\": \"Иван\", \"language\": \"ru\"}";
        record Bad(String body, String field) {
        }
        for (Bad bad : List.of(
                new Bad(registration("pigeon", customer), "channel"),
                new Bad(registration("phone", customer).replace("\"channel\": \"phone\", ", ""), "channel"),
                new Bad(registration("phone", "{\"language\": \"ru\"}"), "customer.name"),
                new Bad(registration("phone", "{\"name\": \"Иван\", \"language\": \"tlh\"}"), "customer.language"),
                new Bad(registration("phone", "{\"name\": \"Иван\", \"email\": \"nope\", \"language\": \"ru\"}"),
                        "customer.email"),
                new Bad(registration("phone", customer).replace("Принтер не печатает", " "), "subject"),
                new Bad(registration("phone", customer).replace("\"high\"", "\"whenever\""), "urgency"),
                new Bad(registration("phone", customer).replace("\"high\"", "5"), "urgency"),
                new Bad(registration("phone", customer).replace("Принтер не печатает", "x".repeat(501)), "subject"))) {
            as("anna", "agent").body(bad.body()).post("/api/v1/tickets").then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem(bad.field()));
        }
        as("anna", "agent").queryParam("q", "x").get("/api/v1/customers").then().statusCode(400)
                .body("errors.field", hasItem("q"));
        given().header("Authorization", TestTokens.bearer("mail", "channel")).contentType("application/json")
                .body(registration("phone", customer)).post("/api/v1/tickets").then().statusCode(403);
        assertThat(TestDb.number(database, "SELECT count(*) FROM event")).isEqualTo(before);
    }
}
