package io.tierdesk.router.api;

import static io.tierdesk.testsupport.TestApi.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tierdesk.eventing.config.EventingConfig;
import io.tierdesk.events.KafkaBinding;
import io.tierdesk.events.Topics;
import io.tierdesk.events.ticket.Urgency;
import io.tierdesk.testsupport.TestDb;
import io.tierdesk.testsupport.TestEvents;
import io.tierdesk.testsupport.TestKafka;
import io.tierdesk.testsupport.TierdeskInfra;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Visits on site and at the service centre, remote sessions, and an engineer never booked twice at once. */
@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class VisitsTest {
    @Inject
    EventingConfig eventing;
    @ConfigProperty(name = "tierdesk.db.name")
    String database;

    /** Tomorrow at the hour, UTC. */
    private static String at(int hour) {
        return Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1)).plus(Duration.ofHours(hour))
                .toString();
    }

    private static String day() {
        return at(0).substring(0, 10);
    }

    private void agent(String id, String tier) {
        as("sup", "supervisor").body("{\"tier\":\"" + tier + "\",\"capacity\":5,\"skills\":[\"" + id + "\"]}")
                .put("/api/v1/agents/" + id).then().statusCode(200);
        as(id, "agent").body("{\"presence\":\"online\"}").post("/api/v1/agents/" + id + "/presence").then()
                .statusCode(200);
    }

    private UUID ticketOf(String owner) {
        UUID ticket = UUID.randomUUID();
        TestEvents.publish(eventing.topic(Topics.TICKETS), "/test", ticket, TestEvents.opened(ticket, owner,
                Urgency.HIGH), UUID.randomUUID(), Instant.now());
        await().atMost(Duration.ofSeconds(30)).until(() -> owner.equals(TestDb.text(database,
                "SELECT assignee FROM routed_ticket WHERE ticket_id = ?", ticket)));
        return ticket;
    }

    private static String visit(String place, String engineer, int from, int to) {
        return "{\"place\":\"" + place + "\",\"engineer\":\"" + engineer + "\",\"from\":\"" + at(from)
                + "\",\"to\":\"" + at(to) + "\",\"address\":\"Tverskaya 1, Moscow\"}";
    }

    @Test
    void visitsAreBookedMovedStartedAndEndedAndAnEngineerIsNeverBookedTwiceAtOnce() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String owner = "own-" + run;
        String engineer = "eng-" + run;
        agent(owner, "L1");
        agent(engineer, "L2");
        UUID first = ticketOf(owner);
        UUID second = ticketOf(owner);
        String path = "/api/v1/tickets/" + first + "/visits";

        for (String[] bad : List.of(
                new String[] {visit("on-site", engineer, 10, 12).replace("Tverskaya 1, Moscow", " "), "address"},
                new String[] {visit("on-site", engineer, 12, 10), "to"},
                new String[] {visit("on-site", engineer, 10, 23), "to"},
                new String[] {visit("on-the-moon", engineer, 10, 12), "place"},
                new String[] {visit("on-site", engineer, 10, 12).replace(at(10), "tomorrow"), "from"})) {
            as(owner, "agent").body(bad[0]).post(path).then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem(bad[1]));
        }
        as(owner, "agent").body(visit("on-site", "nobody-" + run, 10, 12)).post(path).then().statusCode(422)
                .body("errors.field", hasItem("engineer"));
        as("stranger-" + run, "agent").body(visit("on-site", engineer, 10, 12)).post(path).then().statusCode(403);

        String one = as(owner, "agent").body(visit("on-site", engineer, 10, 12)).post(path).then().statusCode(201)
                .body("state", equalTo("scheduled")).body("engineer", equalTo(engineer)).extract().path("visitId");
        String secondPath = "/api/v1/tickets/" + second + "/visits";
        as(owner, "agent").body(visit("service-centre", engineer, 11, 13)).post(secondPath).then().statusCode(409)
                .body("errors.field", hasItem("engineer"));
        String two = as(owner, "agent").body(visit("service-centre", engineer, 12, 14)).post(secondPath).then()
                .statusCode(201).extract().path("visitId");

        as(owner, "agent").body("{\"from\":\"" + at(13) + "\",\"to\":\"" + at(15) + "\"}")
                .post(path + "/" + one + "/reschedule").then().statusCode(409).body("errors.field", hasItem("engineer"));
        as(owner, "agent").body("{\"from\":\"" + at(15) + "\",\"to\":\"" + at(16) + "\"}")
                .post(path + "/" + one + "/reschedule").then().statusCode(200).body("from", equalTo(at(15)));
        as("anyone", "agent").queryParam("engineer", engineer).queryParam("day", day()).get("/api/v1/visits").then()
                .statusCode(200).body("visitId", org.hamcrest.Matchers.contains(two, one));

        // The engineer says they arrived and how it ended; the cancelled visit frees their time.
        as(engineer, "agent").post(path + "/" + one + "/arrival").then().statusCode(200)
                .body("state", equalTo("started"));
        as(engineer, "agent").body("{\"outcome\":\"fixed\",\"note\":\"replaced the controller\"}")
                .post(path + "/" + one + "/outcome").then().statusCode(200).body("state", equalTo("completed"))
                .body("outcome", equalTo("fixed"));
        as(owner, "agent").body("{\"reason\":\"fixed remotely\"}").post(secondPath + "/" + two + "/cancellation")
                .then().statusCode(200).body("state", equalTo("cancelled"));
        as(owner, "agent").body("{}").post(secondPath + "/" + two + "/cancellation").then().statusCode(422)
                .body("errors.field", hasItem("visitId"));
        as(owner, "agent").body(visit("on-site", engineer, 12, 14)).post(secondPath).then().statusCode(201);
        as(owner, "agent").get(path).then().statusCode(200).body("state", org.hamcrest.Matchers.contains("completed"));

        String remote = as(owner, "agent").body("{\"tool\":\"AnyDesk\",\"reference\":\"123 456 789\"}")
                .post("/api/v1/tickets/" + first + "/remote-sessions").then().statusCode(201).extract()
                .path("sessionId");
        as(owner, "agent").body("{\"summary\":\"updated the driver\"}")
                .post("/api/v1/tickets/" + first + "/remote-sessions/" + remote + "/end").then().statusCode(200)
                .body("endedBy", equalTo(owner));
        as(owner, "agent").body("{}").post("/api/v1/tickets/" + first + "/remote-sessions/" + remote + "/end").then()
                .statusCode(422);

        List<String> types = TestKafka.read(eventing.topic(Topics.ROUTING), r -> first.toString().equals(r.key()),
                        found -> found.size() >= 8, Duration.ofSeconds(30))
                .stream().map(r -> TestKafka.header(r, KafkaBinding.TYPE)).toList();
        assertThat(types).containsSubsequence("tierdesk.routing.visit-scheduled.v1",
                "tierdesk.routing.visit-rescheduled.v1", "tierdesk.routing.visit-started.v1",
                "tierdesk.routing.visit-completed.v1", "tierdesk.routing.remote-session-started.v1",
                "tierdesk.routing.remote-session-ended.v1");
    }

    /**
     * Two bookings of one engineer's same hour at once: with the engineer's lock held outside, both requests wait;
     * released, one is booked and the other sees it. Without the lock both would read a free hour and both book.
     */
    @Test
    void twoBookingsOfOneEngineersHourAtOnceBookOne() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String owner = "own2-" + run;
        String engineer = "eng2-" + run;
        agent(owner, "L1");
        agent(engineer, "L2");
        UUID a = ticketOf(owner);
        UUID b = ticketOf(owner);
        List<CompletableFuture<Integer>> posts = new ArrayList<>();
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(2);
        try (Connection holder = TierdeskInfra.connect(database)) {
            try (var st = holder.createStatement()) {
                st.execute("SELECT pg_advisory_lock(hashtextextended('engineer:" + engineer + "', 0))");
            }
            for (UUID ticket : List.of(a, b)) {
                posts.add(CompletableFuture.supplyAsync(() -> as(owner, "agent")
                        .body(visit("on-site", engineer, 9, 11)).post("/api/v1/tickets/" + ticket + "/visits")
                        .then().extract().statusCode(), clients));
            }
            // Both requests are inside their transactions, waiting on the lock, before it is let go.
            await().atMost(Duration.ofSeconds(30)).until(() -> TestDb.number(database,
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted") >= 2);
        }
        List<Integer> statuses = posts.stream().map(CompletableFuture::join).sorted().toList();
        clients.shutdown();
        assertThat(statuses).containsExactly(201, 409);
        assertThat(TestDb.number(database, "SELECT count(*) FROM visit WHERE engineer = ?", engineer)).isEqualTo(1);
    }
}
