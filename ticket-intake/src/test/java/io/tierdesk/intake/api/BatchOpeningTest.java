package io.tierdesk.intake.api;

import io.tierdesk.testsupport.TestDb;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tierdesk.eventing.config.EventingConfig;
import io.tierdesk.testsupport.TestKafka;
import io.tierdesk.testsupport.TestMetrics;
import io.tierdesk.testsupport.TestTokens;
import io.tierdesk.testsupport.TierdeskInfra;
import io.tierdesk.events.EventJson;
import io.tierdesk.events.Topics;
import io.tierdesk.events.ticket.SupportPlan;
import io.tierdesk.events.ticket.TicketOpened;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Batches of new tickets are written together, and answer exactly as one-by-one acceptance would. */
@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class BatchOpeningTest {
    @jakarta.inject.Inject
    EventingConfig eventing;
    @ConfigProperty(name = "tierdesk.db.name")
    String database;

    private static String batch(List<String> events) {
        return "[" + String.join(",", events) + "]";
    }

    private static JsonPath post(String batch) {
        return given().header("Authorization", TestTokens.bearer("mail-gateway", "channel"))
                .contentType("application/cloudevents-batch+json").body(batch)
                .post("/api/v1/channel-events").then().statusCode(200).extract().jsonPath();
    }

    private static String event(String id, String data) {
        return Channel.structured(id, "tierdesk.channel.message.received", data);
    }

    @Test
    void newTicketsOfABatchAreOpenedTogetherInOrderAndARetryGetsTheSameAnswers() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> events = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(run + "-" + i);
            // Twenty customers with two tickets each; every fourth message comes from a chat with its own thread.
            events.add(event(run + "-" + i, Channel.message("cust-" + run + "-" + (i % 20), "Question " + i, "Body " + i,
                    i % 4 == 0 ? "chat-" + run + "-" + i : null)));
        }
        double together = TestMetrics.sum("tierdesk_intake_batch_opened_together_total");
        JsonPath first = post(batch(events));

        assertThat(first.getList("status")).hasSize(40).containsOnly(201);
        assertThat(first.getList("answer.outcome")).containsOnly("created");
        assertThat(first.getList("answer.id")).containsExactlyElementsOf(ids);
        List<String> numbers = first.getList("answer.number");
        assertThat(numbers).doesNotHaveDuplicates().isSortedAccordingTo(String::compareTo);
        assertThat(TestMetrics.sum("tierdesk_intake_batch_opened_together_total")).isEqualTo(together + 40);

        // What one-by-one acceptance would have left behind: events, numbers, customers, threads.
        assertThat(count("SELECT count(*) FROM event WHERE type = 'tierdesk.ticket.opened.v1' AND version = 1 "
                + "AND actor = ? AND payload -> 'customer' ->> 'externalId' LIKE ?", "channel:" + Channel.SOURCE,
                "cust-" + run + "-%")).isEqualTo(40);
        assertThat(count("SELECT count(*) FROM ticket_number n JOIN event e ON e.stream_id = CAST(n.ticket_id AS text) "
                + "AND e.payload ->> 'number' = n.number WHERE e.payload -> 'customer' ->> 'externalId' LIKE ?",
                "cust-" + run + "-%")).isEqualTo(40);
        assertThat(count("SELECT count(*) FROM customer WHERE external_id LIKE ? AND plan = ?", "cust-" + run + "-%",
                SupportPlan.WARRANTY.wireName())).isEqualTo(20);
        assertThat(count("SELECT count(*) FROM ticket_thread WHERE thread_id LIKE ?", "chat-" + run + "-%")).isEqualTo(10);
        String ticket0 = first.getString("[0].answer.ticketId");
        List<TicketOpened> onKafka = TestKafka.read(eventing.topic(Topics.TICKETS), r -> ticket0.equals(r.key()),
                found -> !found.isEmpty(), Duration.ofSeconds(30)).stream()
                .map(r -> EventJson.read(r.value(), TicketOpened.class)).toList();
        assertThat(onKafka).singleElement().satisfies(o -> {
            assertThat(o.number()).isEqualTo(numbers.get(0));
            assertThat(o.subject()).isEqualTo("Question 0");
            assertThat(o.plan()).isEqualTo(SupportPlan.WARRANTY);
        });

        JsonPath retry = post(batch(events));
        assertThat(retry.getList("answer")).isEqualTo(first.getList("answer"));
        assertThat(retry.getList("status")).isEqualTo(first.getList("status"));
        assertThat(count("SELECT count(*) FROM event WHERE payload -> 'customer' ->> 'externalId' LIKE ?",
                "cust-" + run + "-%")).as("a retry appends nothing").isEqualTo(40);

        // The chat thread opened in the batch carries the next message onto its ticket.
        Channel.postMessage("cust-" + run + "-0", "More", "still broken", "chat-" + run + "-0").statusCode(200)
                .body("outcome", org.hamcrest.Matchers.equalTo("appended"))
                .body("ticketId", org.hamcrest.Matchers.equalTo(ticket0));
    }

    @Test
    void messagesWithoutThreadsAndCustomersWithOnlyAnIdAreOpenedTogetherToo() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(event(run + "-" + i, "{\"channel\":\"web\",\"customer\":{\"externalId\":\"bare-" + run + "-" + i
                    + "\"},\"body\":\"no subject, no thread\"}"));
        }
        double together = TestMetrics.sum("tierdesk_intake_batch_opened_together_total");
        assertThat(post(batch(events)).getList("status")).containsOnly(201).hasSize(5);
        assertThat(TestMetrics.sum("tierdesk_intake_batch_opened_together_total")).isEqualTo(together + 5);
        assertThat(count("SELECT count(*) FROM customer WHERE external_id LIKE ? AND name IS NULL AND language IS NULL",
                "bare-" + run + "-%")).isEqualTo(5);
    }

    @Test
    void knownThreadsAndKnownKeysInABatchFallBackToOneByOne() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String chatTicket = postAlone(event(run + "-chat", Channel.message("cust-" + run, "Chat", "first",
                "chat-" + run)));
        String earlierId = run + "-earlier";
        String earlier = event(earlierId, Channel.message("cust-" + run + "-e", "Earlier", "before", null));
        String earlierTicket = postAlone(earlier);

        double together = TestMetrics.sum("tierdesk_intake_batch_opened_together_total");
        JsonPath answers = post(batch(List.of(
                event(run + "-a", Channel.message("other-" + run + "-a", "New A", "a", null)),
                event(run + "-b", Channel.message("cust-" + run, "Follow-up", "b", "chat-" + run)),
                earlier,
                event(run + "-d", Channel.message("other-" + run + "-d", "New D", "d", null)))));
        assertThat(answers.getList("answer.outcome")).containsExactly("created", "appended", "created", "created");
        assertThat(answers.getString("[1].answer.ticketId")).as("the known chat thread").isEqualTo(chatTicket);
        assertThat(answers.getString("[2].answer.ticketId")).as("the earlier answer, replayed").isEqualTo(earlierTicket);
        assertThat(answers.getString("[2].answer.id")).isEqualTo(earlierId);
        assertThat(TestMetrics.sum("tierdesk_intake_batch_opened_together_total"))
                .as("only the two new tickets were opened together").isEqualTo(together + 2);
        assertThat(count("SELECT count(*) FROM event WHERE stream_id = ?", chatTicket)).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM event WHERE stream_id = ?", earlierTicket)).isEqualTo(1);
    }

    private static String postAlone(String event) {
        return given().header("Authorization", TestTokens.bearer("mail-gateway", "channel"))
                .contentType("application/cloudevents+json").body(event).post("/api/v1/channel-events")
                .then().statusCode(201).extract().path("ticketId");
    }

    @Test
    void theSameBatchPostedTwiceAtOnceOpensEachTicketOnceAndAnswersAlike() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            // Customers in reverse order in the second half: the joint writes must not deadlock on them.
            events.add(event(run + "-" + i, Channel.message("cust-" + run + "-" + (i < 30 ? i : 89 - i), "Q " + i, "b",
                    null)));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> post(batch(events)));
            var second = pool.submit(() -> post(batch(events)));
            List<Object> a = first.get().getList("answer");
            List<Object> b = second.get().getList("answer");
            assertThat(a).hasSize(60).isEqualTo(b);
            assertThat(first.get().getList("status")).containsOnly(201);
        } finally {
            pool.shutdown();
        }
        assertThat(count("SELECT count(*) FROM event WHERE payload -> 'customer' ->> 'externalId' LIKE ?",
                "cust-" + run + "-%")).isEqualTo(60);
        assertThat(count("SELECT count(DISTINCT payload ->> 'number') FROM event WHERE payload -> 'customer' ->> "
                + "'externalId' LIKE ?", "cust-" + run + "-%")).isEqualTo(60);
    }

    @Test
    void whenTheJointWriteFailsEveryEventIsStillAcceptedOnItsOwn() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        // A guard that refuses multi-row receipt inserts: only the joint write trips over it.
        execute("CREATE FUNCTION refuse_joint_receipts() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF (SELECT count(*) FROM new_rows) > 1 THEN RAISE EXCEPTION 'joint write refused by test'; END IF; "
                + "RETURN NULL; END $$");
        execute("CREATE TRIGGER refuse_joint_receipts AFTER INSERT ON channel_receipt REFERENCING NEW TABLE AS "
                + "new_rows FOR EACH STATEMENT EXECUTE FUNCTION refuse_joint_receipts()");
        try {
            double together = TestMetrics.sum("tierdesk_intake_batch_opened_together_total");
            List<String> events = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                events.add(event(run + "-" + i, Channel.message("cust-" + run + "-" + i, "Q " + i, "b", null)));
            }
            JsonPath answers = post(batch(events));
            assertThat(answers.getList("status")).hasSize(10).containsOnly(201);
            assertThat(TestMetrics.sum("tierdesk_intake_batch_opened_together_total")).isEqualTo(together);
            assertThat(count("SELECT count(*) FROM event WHERE payload -> 'customer' ->> 'externalId' LIKE ?",
                    "cust-" + run + "-%")).isEqualTo(10);
        } finally {
            execute("DROP TRIGGER refuse_joint_receipts ON channel_receipt");
            execute("DROP FUNCTION refuse_joint_receipts()");
        }
    }

    private long count(String sql, Object... parameters) throws Exception {
        return TestDb.number(database, sql, parameters);
    }

    private void execute(String sql) throws Exception {
        try (Connection c = TierdeskInfra.connect(database)) {
            c.createStatement().execute(sql);
        }
    }
}
