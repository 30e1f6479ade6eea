package io.tierdesk.intake.api;

import io.tierdesk.testsupport.TestDb;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tierdesk.testsupport.TestTokens;
import io.tierdesk.testsupport.TierdeskInfra;
import io.tierdesk.intake.application.AutoCloseTimer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class AutoCloseTest {
    @Inject
    MovableClock clock;
    @Inject
    AutoCloseTimer timer;
    @ConfigProperty(name = "tierdesk.db.name")
    String database;

    @Test
    void aResolvedTicketClosesOnceWhenTheClockPassesThePeriod() throws Exception {
        String id = Channel.postMessage("c-" + UUID.randomUUID(), "Disk", "Full", null).statusCode(201)
                .extract().path("ticketId");
        String quiet = Channel.postMessage("c-" + UUID.randomUUID(), "Fan", "Loud", null).statusCode(201)
                .extract().path("ticketId");
        given().header("Authorization", TestTokens.bearer("alice", "agent")).contentType("application/json")
                .body("{\"solutionSummary\":\"Cleaned /tmp\"}").post("/api/v1/tickets/" + id + "/resolution")
                .then().statusCode(200);

        clock.advance(Duration.ofHours(71));
        timer.runOnce().await().atMost(Duration.ofSeconds(30));
        assertThat(autoClosed(id)).as("not due before 72 h").isZero();

        clock.advance(Duration.ofHours(2));
        timer.runOnce().await().atMost(Duration.ofSeconds(30));
        timer.runOnce().await().atMost(Duration.ofSeconds(30));

        assertThat(autoClosed(id)).as("closed once, however often the timer runs").isEqualTo(1);
        assertThat(autoClosed(quiet)).as("an unresolved ticket stays open").isZero();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .header("Authorization", TestTokens.bearer("alice", "agent")).get("/api/v1/tickets/" + id)
                .then().body("status", equalTo("closed")));
    }

    @Test
    void theTimerClosesDueTicketsByItself() throws Exception {
        String id = Channel.postMessage("c-" + UUID.randomUUID(), "Printer", "Jammed", null).statusCode(201)
                .extract().path("ticketId");
        given().header("Authorization", TestTokens.bearer("alice", "agent")).contentType("application/json")
                .body("{\"solutionSummary\":\"Removed the paper\"}").post("/api/v1/tickets/" + id + "/resolution")
                .then().statusCode(200);
        clock.advance(Duration.ofHours(73));
        // Nobody calls runOnce here: the periodic timer (1 s in tests) has to get there on its own.
        await().atMost(Duration.ofSeconds(30)).until(() -> autoClosed(id) == 1);
    }

    private long autoClosed(String ticketId) throws Exception {
        return TestDb.number(database, "SELECT count(*) FROM event WHERE stream_id = ? "
                + "AND type = 'tierdesk.ticket.closed.v1' AND payload ->> 'reason' = 'auto-closed'", ticketId);
    }
}
