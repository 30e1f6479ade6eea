package io.tierdesk.intake.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.tierdesk.eventing.api.IdempotencyKeys;
import io.tierdesk.testsupport.TestApi;
import io.tierdesk.testsupport.TestDb;
import io.tierdesk.testsupport.TierdeskInfra;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Agents' commands are safe to repeat: the same Idempotency-Key and request get the first answer, once done. */
@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class IdempotencyKeyTest {
    @ConfigProperty(name = "tierdesk.db.name")
    String database;

    private static String openTicket() {
        return Channel.postMessage("c-" + UUID.randomUUID(), "Printer", "Jams", null).statusCode(201).extract()
                .path("ticketId");
    }

    private static ValidatableResponse reply(String ticket, String key, String text) {
        var request = TestApi.as("alice", "agent").body("{\"body\":\"" + text + "\"}");
        if (key != null) {
            request = request.header(IdempotencyKeys.HEADER, key);
        }
        return request.post("/api/v1/tickets/" + ticket + "/replies").then();
    }

    private long events(String ticket) throws Exception {
        return TestDb.number(database, "SELECT count(*) FROM event WHERE stream_id = ?", ticket);
    }

    @Test
    void aRepeatedCommandWithTheSameKeyGetsTheFirstAnswerAndIsDoneOnce() throws Exception {
        String ticket = openTicket();
        String key = UUID.randomUUID().toString();
        reply(ticket, key, "Try another tray").statusCode(200).body("version", equalTo(2))
                .header("ETag", "\"2\"").header(IdempotencyKeys.REPLAYED, nullValue());
        reply(ticket, key, "Try another tray").statusCode(200).body("version", equalTo(2))
                .header("ETag", "\"2\"").header(IdempotencyKeys.REPLAYED, "true");
        assertThat(events(ticket)).isEqualTo(2);
        // Without a key, the same words are a new reply.
        reply(ticket, null, "Try another tray").statusCode(200).body("version", equalTo(3));
    }

    @Test
    void theSameKeyForAnotherRequestIs422AndChangesNothing() throws Exception {
        String ticket = openTicket();
        String key = UUID.randomUUID().toString();
        reply(ticket, key, "First").statusCode(200);
        reply(ticket, key, "Second").statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem(IdempotencyKeys.HEADER));
        TestApi.as("alice", "agent").header(IdempotencyKeys.HEADER, key).body("{\"note\":\"First\"}")
                .post("/api/v1/tickets/" + ticket + "/notes").then().statusCode(422);
        reply(ticket, "with space", "x").statusCode(400).body("errors.field", hasItem(IdempotencyKeys.HEADER));
        assertThat(events(ticket)).isEqualTo(2);
        // Keys are the caller's own: another agent's identical key is another request.
        TestApi.as("boris", "agent").header(IdempotencyKeys.HEADER, key).body("{\"note\":\"Second\"}")
                .post("/api/v1/tickets/" + ticket + "/notes").then().statusCode(200).body("version", equalTo(3));
    }

    /**
     * The service's connection is cut while the command runs (it waits for the key held by the test, and the test
     * ends its backend): the service cannot know whether it committed, says so, and a retry with the key does it
     * exactly once.
     */
    @Test
    void aConnectionLostMidCommandIsAnsweredOutcomeUnknownAndTheRetryWithTheKeyDoesItOnce() throws Exception {
        String ticket = openTicket();
        String key = UUID.randomUUID().toString();
        CompletableFuture<ValidatableResponse> cut;
        try (Connection holder = TierdeskInfra.connect(database)) {
            holder.setAutoCommit(false);
            try (PreparedStatement hold = holder.prepareStatement(
                    "INSERT INTO command_receipt (caller, key, request_hash) VALUES ('alice', ?, 'held')")) {
                hold.setString(1, key);
                hold.executeUpdate();
            }
            cut = CompletableFuture.supplyAsync(() -> reply(ticket, key, "Cleaned the rollers"));
            await().atMost(Duration.ofSeconds(20)).until(() -> TestDb.number(database, """
                    SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'
                    AND query LIKE '%command_receipt%' AND pid <> pg_backend_pid()""") == 1);
            TestDb.number(database, """
                    SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE wait_event_type = 'Lock'
                    AND query LIKE '%command_receipt%' AND pid <> pg_backend_pid()""");
            cut.get().statusCode(503).contentType("application/problem+json")
                    .body("type", equalTo("https://tierdesk.io/problems/outcome-unknown"))
                    .header("Retry-After", "1");
            holder.rollback();
        }
        reply(ticket, key, "Cleaned the rollers").statusCode(200).body("version", equalTo(2))
                .header(IdempotencyKeys.REPLAYED, nullValue());
        reply(ticket, key, "Cleaned the rollers").statusCode(200).body("version", equalTo(2))
                .header(IdempotencyKeys.REPLAYED, "true");
        assertThat(events(ticket)).isEqualTo(2);
    }
}
