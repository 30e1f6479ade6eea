package io.tierdesk.intake.api;

import io.tierdesk.testsupport.TestEvents;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.tierdesk.eventing.config.EventingConfig;
import io.tierdesk.testsupport.TestTokens;
import io.tierdesk.testsupport.TierdeskInfra;
import io.tierdesk.events.Topics;
import io.tierdesk.events.routing.Priority;
import io.tierdesk.events.routing.Tier;
import io.tierdesk.events.routing.TicketTriaged;
import io.tierdesk.events.sla.SlaClockStarted;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class TicketListTest {
    @Inject
    EventingConfig eventing;
    @Inject
    Clock clock;

    private static RequestSpecification agent() {
        return given().header("Authorization", TestTokens.bearer("alice", "agent"));
    }

    private void publish(String topic, UUID ticket, Object event) {
        TestEvents.publish(eventing.topic(topic), "/test", ticket, event, UUID.randomUUID(), clock.instant());
    }

    @Test
    void filtersSortsAndPagesThroughTicketsWithCursors() {
        String customer = "list-" + UUID.randomUUID();
        String marker = "quux" + UUID.randomUUID().toString().substring(0, 8);
        List<UUID> ids = new ArrayList<>();
        Priority[] priorities = {Priority.P3, Priority.P1, Priority.P4, Priority.P2, Priority.P1};
        for (int i = 0; i < 5; i++) {
            UUID id = UUID.fromString(Channel.postMessage(customer, "Printer " + marker + " " + i, "jams", null)
                    .statusCode(201).extract().path("ticketId"));
            ids.add(id);
            publish(Topics.ROUTING, id, new TicketTriaged(id, "low", "low", priorities[i], "printers", "office",
                    Tier.L1, "policy", clock.instant()));
            publish(Topics.SLA, id, new SlaClockStarted(id, "resolution", "warranty",
                    clock.instant().plus(Duration.ofHours(10 - i)), clock.instant()));
        }
        // Routing and SLA facts come on two topics, each consumed on its own: wait for all of both.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(agent()
                .queryParam("customer", customer).get("/api/v1/tickets")
                .then().statusCode(200).extract().<List<String>>path("items.priority")).doesNotContainNull().hasSize(5));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(agent()
                .queryParam("customer", customer).queryParam("sort", "slaDue").get("/api/v1/tickets")
                .then().extract().<List<String>>path("items.slaDueAt")).doesNotContainNull().hasSize(5));

        assertThat(agent().queryParam("customer", customer).queryParam("priority", "P4").get("/api/v1/tickets")
                .then().statusCode(200).extract().<List<String>>path("items.ticketId")).hasSize(1);

        // by priority, two at a time: P1, P1 | P2, P3 | P4
        assertThat(pageByPage(customer, "priority", "priority")).containsExactly("P1", "P1", "P2", "P3", "P4");

        // by SLA due: the last opened is due first — on one page and two at a time alike (a time in the cursor)
        List<String> bySla = agent().queryParam("customer", customer).queryParam("sort", "slaDue")
                .get("/api/v1/tickets").then().extract().path("items.ticketId");
        assertThat(bySla).containsExactly(ids.get(4).toString(), ids.get(3).toString(), ids.get(2).toString(),
                ids.get(1).toString(), ids.get(0).toString());
        assertThat(pageByPage(customer, "slaDue", "ticketId")).isEqualTo(bySla);
        List<String> byUpdate = agent().queryParam("customer", customer).get("/api/v1/tickets").then().extract()
                .path("items.ticketId");
        assertThat(pageByPage(customer, "updated", "ticketId")).hasSize(5).isEqualTo(byUpdate);

        // free text and status
        assertThat(agent().queryParam("q", marker + " 3").get("/api/v1/tickets").then().extract()
                .<List<String>>path("items.ticketId")).containsExactly(ids.get(3).toString());
        assertThat(agent().queryParam("customer", customer).queryParam("status", "new").get("/api/v1/tickets")
                .then().extract().<List<String>>path("items.ticketId")).hasSize(5);
        assertThat(agent().queryParam("customer", customer).queryParam("status", "closed").get("/api/v1/tickets")
                .then().extract().<List<String>>path("items")).isEmpty();
    }

    /** Every page of the customer's tickets, two at a time, following nextCursor: the field asked of each item. */
    private static List<String> pageByPage(String customer, String sort, String field) {
        List<String> values = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RequestSpecification request = agent().queryParam("customer", customer).queryParam("sort", sort)
                    .queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/tickets").then().statusCode(200).extract().jsonPath();
            values.addAll(page.getList("items." + field));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertThat(pages).as(sort).isEqualTo(3);
        return values;
    }

    @Test
    void badParametersAreProblemsNamingThem() {
        agent().queryParam("status", "lost").get("/api/v1/tickets").then().statusCode(400)
                .body("errors.field", hasItem("status"));
        agent().queryParam("sort", "random").get("/api/v1/tickets").then().statusCode(400)
                .body("errors.field", hasItem("sort"));
        agent().queryParam("limit", 1000).get("/api/v1/tickets").then().statusCode(400)
                .body("errors.field", hasItem("limit"));
        agent().queryParam("cursor", "not-a-cursor").get("/api/v1/tickets").then().statusCode(400)
                .body("errors.field", hasItem("cursor"));
        agent().queryParam("channel", "fax").get("/api/v1/tickets").then().statusCode(400)
                .body("errors.field", hasItem("channel"));
    }
}
