package io.tierdesk.intake.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tierdesk.testsupport.TestMetrics;
import io.tierdesk.testsupport.TestTokens;
import io.tierdesk.testsupport.TierdeskInfra;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class RepeatContactTest {
    @Inject
    MovableClock clock;

    @Test
    void aMessageAfterTheReopenWindowOpensANewTicketLinkedToTheOldOneAndIsCounted() {
        double repeatsBefore = TestMetrics.sum("tierdesk_intake_repeat_contacts_total");
        String customer = "c-" + UUID.randomUUID();
        var first = Channel.postMessage(customer, "Scanner", "Lines on scans", null).statusCode(201).extract();
        String oldId = first.path("ticketId");
        given().header("Authorization", TestTokens.bearer("alice", "agent")).contentType("application/json")
                .post("/api/v1/tickets/" + oldId + "/closure").then().statusCode(200);

        clock.advance(Duration.ofDays(8));
        var second = Channel.postMessage(customer, "Re: [" + first.path("number") + "] Scanner", "Lines again", null)
                .statusCode(201)
                .body("outcome", equalTo("created"))
                .body("ticketId", not(equalTo(oldId)))
                .extract();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .header("Authorization", TestTokens.bearer("alice", "agent"))
                .get("/api/v1/tickets/" + second.path("ticketId"))
                .then().statusCode(200).body("repeatOf", equalTo(oldId)).body("status", equalTo("new")));
        assertThat(TestMetrics.sum("tierdesk_intake_repeat_contacts_total")).isEqualTo(repeatsBefore + 1);
        assertThat(TestMetrics.sum("tierdesk_intake_tickets_opened_total")).isGreaterThanOrEqualTo(2);
    }
}
