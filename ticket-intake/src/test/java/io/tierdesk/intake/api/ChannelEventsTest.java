package io.tierdesk.intake.api;

import io.tierdesk.testsupport.TestDb;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.tierdesk.eventing.config.EventingConfig;
import io.tierdesk.testsupport.TestKafka;
import io.tierdesk.testsupport.TestTokens;
import io.tierdesk.testsupport.TierdeskInfra;
import io.tierdesk.events.EventJson;
import io.tierdesk.events.KafkaBinding;
import io.tierdesk.events.Topics;
import io.tierdesk.events.ticket.SupportPlan;
import io.tierdesk.events.ticket.TicketOpened;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class ChannelEventsTest {
    @Inject
    EventingConfig eventing;
    @ConfigProperty(name = "tierdesk.db.name")
    String database;

    @Test
    void aMessageOpensATicketAndTicketOpenedReachesKafkaKeyedByTicketWithCloudEventsHeaders() {
        String customer = "c-" + UUID.randomUUID();
        ExtractableResponse<Response> answer = Channel.postMessage(customer, "Router reboots", "Every evening", null)
                .statusCode(201)
                .body("outcome", equalTo("created"))
                .body("number", matchesPattern("TD-\\d{6}"))
                .extract();
        String ticketId = answer.path("ticketId");

        List<ConsumerRecord<String, byte[]>> records = TestKafka.read(eventing.topic(Topics.TICKETS),
                r -> ticketId.equals(r.key()), found -> !found.isEmpty(), Duration.ofSeconds(30));
        assertThat(records).hasSize(1);
        ConsumerRecord<String, byte[]> record = records.get(0);
        assertThat(TestKafka.header(record, KafkaBinding.TYPE)).isEqualTo("tierdesk.ticket.opened.v1");
        assertThat(TestKafka.header(record, KafkaBinding.SOURCE)).isEqualTo("/ticket-intake");
        assertThat(TestKafka.header(record, KafkaBinding.SUBJECT)).isEqualTo(ticketId);
        TicketOpened opened = EventJson.read(record.value(), TicketOpened.class);
        assertThat(opened.number()).isEqualTo(answer.path("number"));
        assertThat(opened.customer().externalId()).isEqualTo(customer);
        assertThat(opened.plan()).as("an unknown customer gets the default plan").isEqualTo(SupportPlan.WARRANTY);
        assertThat(opened.diagnostics().product()).isEqualTo("Router X1");
    }

    @Test
    void controlCharactersInASubjectAreNotStoredEachRunBecomesOneSpace() {
        // A bell, an ANSI escape, and a header injection attempt over CR LF: JSON escapes, as an adapter would send.
        String ticketId = Channel.postMessage("c-" + UUID.randomUUID(), "Printer\\u0007down\\u001b[31m\\r\\nBcc: x@y",
                "It jams", null).statusCode(201).extract().path("ticketId");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .header("Authorization", TestTokens.bearer("anna", "agent")).get("/api/v1/tickets/" + ticketId)
                .then().statusCode(200).body("subject", equalTo("Printer down [31m Bcc: x@y")));
    }

    @Test
    void twoFirstMessagesOfOneThreadArrivingAtOnceOpenOneTicket() throws Exception {
        String customer = "c-" + UUID.randomUUID();
        String thread = "chat-" + UUID.randomUUID();
        java.util.concurrent.ExecutorService adapters = java.util.concurrent.Executors.newFixedThreadPool(2);
        try (java.sql.Connection holder = io.tierdesk.testsupport.TierdeskInfra.connect(database)) {
            // The customer, inserted and not committed: both messages look for the thread, find none, then wait here.
            holdCustomer(holder, customer);
            List<java.util.concurrent.Future<String>> posts = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                posts.add(adapters.submit(() -> Channel.postMessage(customer, "Printer", "It jams", thread)
                        .extract().path("ticketId")));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> TestDb.number(database, "SELECT count(*) FROM "
                    + "pg_stat_activity WHERE datname = ? AND wait_event_type IN ('Lock', 'Advisory')", database) >= 2);
            holder.commit();
            String first = posts.get(0).get(30, java.util.concurrent.TimeUnit.SECONDS);
            String second = posts.get(1).get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(second).as("the second message lands on the first one's ticket").isEqualTo(first);
        } finally {
            adapters.shutdownNow();
        }
        assertThat(count("SELECT count(*) FROM event WHERE type = 'tierdesk.ticket.opened.v1' "
                + "AND payload ->> 'threadRef' = ?", thread)).isEqualTo(1);
    }

    @Test
    void theTicketsPlanIsTheCustomersPlanInForce() {
        String customer = "c-" + UUID.randomUUID();
        given().header("Authorization", TestTokens.bearer("sup", "supervisor")).contentType("application/json")
                .body("{\"name\":\"Acme\",\"plan\":\"premium\",\"planValidUntil\":\"2099-12-31\"}")
                .put("/api/v1/customers/" + customer).then().statusCode(200).body("plan", equalTo("premium"));
        given().header("Authorization", TestTokens.bearer("anna", "agent")).contentType("application/json")
                .body("{\"plan\":\"self-service\"}").put("/api/v1/customers/" + customer)
                .then().statusCode(403);
        String ticketId = Channel.postMessage(customer, "Server down", "All of it", null).statusCode(201)
                .extract().path("ticketId");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .header("Authorization", TestTokens.bearer("alice", "agent")).get("/api/v1/tickets/" + ticketId)
                .then().statusCode(200).body("plan", equalTo("premium")));
    }

    @Test
    void aFollowUpWithTheNumberInTheSubjectIsAppendedToThatTicket() {
        String customer = "c-" + UUID.randomUUID();
        ExtractableResponse<Response> first = Channel.postMessage(customer, "Router reboots", "Every evening", null)
                .statusCode(201).extract();
        String number = first.path("number");
        Channel.postMessage(customer, "Re: [" + number + "] Router reboots", "Still", null)
                .statusCode(200)
                .body("outcome", equalTo("appended"))
                .body("ticketId", equalTo(first.path("ticketId")))
                .body("number", equalTo(number));
    }

    @Test
    void theChannelsOwnThreadIdFindsTheTicketToo() {
        String customer = "c-" + UUID.randomUUID();
        String thread = "<" + UUID.randomUUID() + "@mail.example.com>";
        String ticketId = Channel.postMessage(customer, "Printer", "Jams", thread).statusCode(201)
                .extract().path("ticketId");
        Channel.postMessage(customer, "Re: Printer", "Again", thread).statusCode(200)
                .body("outcome", equalTo("appended")).body("ticketId", equalTo(ticketId));
    }

    @Test
    void theSameEventPostedThreeTimesGivesOneTicketAndThreeIdenticalAnswers() throws Exception {
        String customer = "c-" + UUID.randomUUID();
        String event = Channel.structured(UUID.randomUUID().toString(), "tierdesk.channel.message.received",
                Channel.message(customer, "Once", "Only once", null));
        String first = Channel.post(event).statusCode(201).extract().asString();
        String second = Channel.post(event).statusCode(201).header(ChannelEventsResource.REPLAYED, "true")
                .extract().asString();
        String third = Channel.post(event).statusCode(201).extract().asString();
        assertThat(second).isEqualTo(first);
        assertThat(third).isEqualTo(first);
        assertThat(count("SELECT count(*) FROM event WHERE type = 'tierdesk.ticket.opened.v1' "
                + "AND payload -> 'customer' ->> 'externalId' = ?", customer)).isEqualTo(1);
    }

    @Test
    void theSameKeyWithOtherContentIsRefusedAsAnIdempotencyHeadersReuseIs() {
        String id = UUID.randomUUID().toString();
        String customer = "c-" + UUID.randomUUID();
        Channel.post(Channel.structured(id, "tierdesk.channel.message.received",
                Channel.message(customer, "One", "first", null))).statusCode(201);
        Channel.post(Channel.structured(id, "tierdesk.channel.message.received",
                Channel.message(customer, "One", "something else", null)))
                .statusCode(422).contentType("application/problem+json").body("errors.field", hasItem("id"))
                .body("type", containsString("idempotency-key-reused"));
    }

    @Test
    void binaryModeIsAcceptedLikeStructured() {
        String customer = "c-" + UUID.randomUUID();
        given().header("Authorization", TestTokens.bearer("chat-widget", "channel"))
                .header("ce-specversion", "1.0").header("ce-id", UUID.randomUUID().toString())
                .header("ce-source", "/adapters/chat-widget/site-1").header("ce-type", "tierdesk.channel.message.received")
                .contentType("application/json").body(Channel.message(customer, "Chat", "Hello", null))
                .post("/api/v1/channel-events")
                .then().statusCode(201).body("outcome", equalTo("created"));
    }

    @Test
    void aRetryInBinaryModeOfAStructuredPostIsTheSameEvent() {
        String id = UUID.randomUUID().toString();
        String customer = "c-" + UUID.randomUUID();
        String data = Channel.message(customer, "Mode", "first", null);
        String ticket = Channel.post(Channel.structured(id, "tierdesk.channel.message.received", data)).statusCode(201)
                .extract().path("ticketId");
        given().header("Authorization", TestTokens.bearer("mail-gateway", "channel"))
                .header("ce-specversion", "1.0").header("ce-id", id).header("ce-source", Channel.SOURCE)
                .header("ce-type", "tierdesk.channel.message.received")
                .contentType("application/json").body(data.replace(":", " : ").replace(",", ",\n  "))
                .post("/api/v1/channel-events")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("ticketId", equalTo(ticket));
    }

    @Test
    void aBatchAnswersPerEventInOrderAndOneBadEventDoesNotRejectItsNeighbours() throws Exception {
        String customer = "c-" + UUID.randomUUID();
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 100; i++) {
            String data = i == 50 ? "{\"channel\":\"carrier-pigeon\",\"customer\":{\"externalId\":\"x\"},\"body\":\"b\"}"
                    : Channel.message(customer + "-" + i, "Batch " + i, "Body " + i, null);
            batch.append(i == 0 ? "" : ",").append(Channel.structured(UUID.randomUUID().toString(),
                    "tierdesk.channel.message.received", data));
        }
        batch.append("]");
        List<Integer> statuses = given().header("Authorization", TestTokens.bearer("mail-gateway", "channel"))
                .contentType("application/cloudevents-batch+json").body(batch.toString())
                .post("/api/v1/channel-events")
                .then().statusCode(200).extract().path("status");
        assertThat(statuses).hasSize(100);
        assertThat(statuses.get(50)).isEqualTo(400);
        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(99);
        assertThat(count("SELECT count(*) FROM event WHERE type = 'tierdesk.ticket.opened.v1' "
                + "AND payload -> 'customer' ->> 'externalId' LIKE ?", customer + "-%")).isEqualTo(99);
    }

    @Test
    void aBatchKeepsTheOrderOfOneCustomersMessagesWhileOthersRunBeside() {
        String thread = "chat-" + UUID.randomUUID();
        String customer = "c-" + UUID.randomUUID();
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 12; i++) {
            String data = i % 4 == 0 ? Channel.message(customer, "Chat", "message " + i, thread)
                    : Channel.message("c-" + UUID.randomUUID(), "Other " + i, "body", null);
            batch.append(i == 0 ? "" : ",").append(Channel.structured(UUID.randomUUID().toString(),
                    "tierdesk.channel.message.received", data));
        }
        io.restassured.path.json.JsonPath answers = given()
                .header("Authorization", TestTokens.bearer("mail-gateway", "channel"))
                .contentType("application/cloudevents-batch+json").body(batch.append("]").toString())
                .post("/api/v1/channel-events").then().statusCode(200).extract().jsonPath();
        assertThat(answers.getList("answer.outcome")).containsExactly("created", "created", "created", "created",
                "appended", "created", "created", "created", "appended", "created", "created", "created");
        String ticket = answers.getString("[0].answer.ticketId");
        assertThat(answers.getString("[4].answer.ticketId")).isEqualTo(ticket);
        assertThat(answers.getString("[8].answer.ticketId")).isEqualTo(ticket);
    }

    @Test
    void manyMessagesOfTheCustomerOnOneTicketInOneBatchAllLand() throws Exception {
        String customer = "c-" + UUID.randomUUID();
        String number = Channel.postMessage(customer, "Outage", "Site down", null).statusCode(201)
                .extract().path("number");
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 10; i++) {
            batch.append(i == 0 ? "" : ",").append(Channel.structured(UUID.randomUUID().toString(),
                    "tierdesk.channel.message.received",
                    Channel.message(customer, "Re: [" + number + "] Outage", "still down " + i, null)));
        }
        List<String> outcomes = given().header("Authorization", TestTokens.bearer("mail-gateway", "channel"))
                .contentType("application/cloudevents-batch+json").body(batch.append("]").toString())
                .post("/api/v1/channel-events").then().statusCode(200).extract().path("answer.outcome");
        assertThat(outcomes).hasSize(10).containsOnly("appended");
        assertThat(count("SELECT count(*) FROM event e JOIN ticket_number n ON e.stream_id = CAST(n.ticket_id AS text) "
                + "WHERE n.number = ?", number)).isEqualTo(11);
    }

    @Test
    void concurrentPostsOnOneTicketAllLandThroughConflictRetries() throws Exception {
        String customer = "c-" + UUID.randomUUID();
        String number = Channel.postMessage(customer, "Outage", "Site down", null).statusCode(201)
                .extract().path("number");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<String>> outcomes = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                outcomes.add(pool.submit(() -> Channel.postMessage(customer, "Re: [" + number + "] Outage",
                        "still down " + n, null).statusCode(200).extract().<String>path("outcome")));
            }
            for (var outcome : outcomes) {
                assertThat(outcome.get()).isEqualTo("appended");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("SELECT count(*) FROM event e JOIN ticket_number n ON e.stream_id = CAST(n.ticket_id AS text) "
                + "WHERE n.number = ?", number)).isEqualTo(9);
    }

    @Test
    void badInputGetsAProblemNamingTheFieldAndAppendsNothing() throws Exception {
        long before = count("SELECT count(*) FROM event");
        // malformed body
        given().header("Authorization", TestTokens.bearer("g", "channel")).contentType("application/cloudevents+json")
                .body("{\"specversion\":").post("/api/v1/channel-events")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("body"));
        // missing field in the data
        Channel.post(Channel.structured(UUID.randomUUID().toString(), "tierdesk.channel.message.received",
                        "{\"channel\":\"email\",\"customer\":{\"externalId\":\"x\"}}"))
                .statusCode(400).contentType("application/problem+json");
        // unknown type
        Channel.post(Channel.structured(UUID.randomUUID().toString(), "tierdesk.channel.fax.received", "{}"))
                .statusCode(400).body("errors.field", hasItem("type"));
        // missing CloudEvents attribute
        Channel.post("{\"specversion\":\"1.0\",\"source\":\"/x\",\"type\":\"tierdesk.channel.message.received\"}")
                .statusCode(400).body("errors.field", hasItem("id"));
        // a language not offered
        Channel.post(Channel.structured(UUID.randomUUID().toString(), "tierdesk.channel.message.received",
                        Channel.message("x", "s", "b", null).replace("\"ru\"", "\"tlh\"")))
                .statusCode(400).body("errors.field", hasItem("customer.language"));
        // wrong kinds of values: the problem names the field and what it must be, never a Java type
        for (String[] bad : new String[][] {
                {"\"urgency\":\"high\"", "\"urgency\":5", "urgency"},
                {"\"urgency\":\"high\"", "\"urgency\":\"whenever\"", "urgency"},
                {"\"body\":\"b\"", "\"body\":[1,2]", "body"},
                {"\"body\":\"b\"", "\"body\":\"b\",\"attachments\":{\"a\":1}", "attachments"}}) {
            String problem = Channel.post(Channel.structured(UUID.randomUUID().toString(),
                            "tierdesk.channel.message.received", Channel.message("x", "s", "b", null)
                                    .replace(bad[0], bad[1])))
                    .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(bad[2]))
                    .extract().asString();
            assertThat(problem).as(bad[1]).doesNotContain("java.").doesNotContain("io.tierdesk")
                    .doesNotContain("`").doesNotContain("ChannelMessage");
        }
        // a subject over the limit
        Channel.post(Channel.structured(UUID.randomUUID().toString(), "tierdesk.channel.message.received",
                        Channel.message("x", "s".repeat(501), "b", null)))
                .statusCode(400).body("errors.field", hasItem("subject"));
        // an oversized body
        given().header("Authorization", TestTokens.bearer("g", "channel")).contentType("application/cloudevents+json")
                .body(Channel.structured(UUID.randomUUID().toString(), "tierdesk.channel.message.received",
                        Channel.message("x", "big", "b".repeat(1_100_000), null)))
                .post("/api/v1/channel-events").then().statusCode(413).contentType("application/problem+json")
                .body("errors.field", hasItem("body"));
        assertThat(count("SELECT count(*) FROM event")).isEqualTo(before);
    }

    @Test
    void aChannelPostsUnderItsOwnSourceOnlySoNoAdapterCanSquatAnothersKeysOrSpeakAsIt() throws Exception {
        long before = count("SELECT count(*) FROM event");
        String id = UUID.randomUUID().toString();
        String data = Channel.message("c-" + UUID.randomUUID(), "Spoof", "b", null);
        // The mail gateway's own source, posted with the chat widget's token: refused, before any receipt is kept.
        given().header("Authorization", TestTokens.bearer("chat-widget", "channel"))
                .contentType("application/cloudevents+json")
                .body(Channel.structured(id, "tierdesk.channel.message.received", data))
                .post("/api/v1/channel-events").then().statusCode(403).contentType("application/problem+json")
                .body("errors.field", hasItem("source"));
        // Nor is what lies under another adapter: a subject of two segments would own the "mail" adapter's paths.
        given().header("Authorization", TestTokens.bearer("mail-gateway/inbox-2", "channel"))
                .contentType("application/cloudevents+json")
                .body(Channel.structured(UUID.randomUUID().toString(), "tierdesk.channel.message.received", data)
                        .replace(Channel.SOURCE, Channel.SOURCE + "/inbox-2"))
                .post("/api/v1/channel-events").then().statusCode(403).body("errors.field", hasItem("source"));
        // A prefix of another adapter's name is not its own either.
        given().header("Authorization", TestTokens.bearer("mail", "channel"))
                .contentType("application/cloudevents-batch+json")
                .body("[" + Channel.structured(UUID.randomUUID().toString(), "tierdesk.channel.message.received", data)
                        + "]")
                .post("/api/v1/channel-events").then().statusCode(200).body("[0].status", equalTo(403));
        assertThat(count("SELECT count(*) FROM event")).isEqualTo(before);
        assertThat(count("SELECT count(*) FROM channel_receipt WHERE event_id = ?", id)).isZero();
        // The owner of the key can still use it: nothing was squatted.
        Channel.post(Channel.structured(id, "tierdesk.channel.message.received", data)).statusCode(201)
                .header(ChannelEventsResource.REPLAYED, org.hamcrest.Matchers.nullValue());
    }

    @Test
    void anotherCustomersTicketNumberOpensANewTicketAndTellsNothingAboutTheNumber() throws Exception {
        String alice = "alice-" + UUID.randomUUID();
        ExtractableResponse<Response> hers = Channel.postMessage(alice, "Router reboots", "Every evening", null)
                .statusCode(201).extract();
        String number = hers.path("number");
        String ticketId = hers.path("ticketId");
        long before = count("SELECT count(*) FROM event WHERE stream_id = ?", ticketId);

        String mallory = "mallory-" + UUID.randomUUID();
        ExtractableResponse<Response> taken = Channel.postMessage(mallory, "Re: [" + number + "] Router reboots",
                "I am the customer now", null).statusCode(201).extract();
        assertThat(taken.<String>path("outcome")).isEqualTo("created");
        assertThat(taken.<String>path("ticketId")).isNotEqualTo(ticketId);
        assertThat(taken.<String>path("number")).isNotEqualTo(number);
        assertThat(taken.<String>path("unmatchedNumber")).as("the answer says the number was not followed")
                .isEqualTo(number);
        // The same answer for a number nobody has: nothing tells whether alice's exists.
        ExtractableResponse<Response> unknown = Channel.postMessage(mallory, "Re: [TD-9" + (100000 + (int) (Math.random()
                * 800000)) + "] Router reboots", "I am the customer now", null).statusCode(201).extract();
        assertThat(unknown.jsonPath().getMap("").keySet()).isEqualTo(taken.jsonPath().getMap("").keySet());
        assertThat(unknown.<String>path("outcome")).isEqualTo("created");
        // A channel thread that is the number itself is no way in either.
        Channel.postMessage(mallory, "Hello", "again", number).statusCode(201).body("outcome", equalTo("created"));
        assertThat(count("SELECT count(*) FROM event WHERE stream_id = ?", ticketId))
                .as("nothing was appended to alice's ticket").isEqualTo(before);
        // Alice herself still threads by her number.
        Channel.postMessage(alice, "Re: [" + number + "] Router reboots", "Still", null).statusCode(200)
                .body("outcome", equalTo("appended")).body("ticketId", equalTo(ticketId));
    }

    @Test
    void aChannelThreadIsTheCallingAdaptersAndItsCustomersNotThePayloadsChannels() throws Exception {
        String customer = "c-" + UUID.randomUUID();
        String thread = "chat-" + UUID.randomUUID();
        String ticketId = Channel.postMessage(customer, "Printer", "Jams", thread).statusCode(201)
                .extract().path("ticketId");
        // Another adapter naming the same channel ("email") and thread id: a thread of its own.
        String other = given().header("Authorization", TestTokens.bearer("web-form", "channel"))
                .contentType("application/cloudevents+json; charset=utf-8")
                .body(Channel.structured(UUID.randomUUID().toString(), "tierdesk.channel.message.received",
                        Channel.message(customer, "Printer", "Jams", thread)).replace(Channel.SOURCE, "/adapters/web-form"))
                .post("/api/v1/channel-events").then().statusCode(201).body("outcome", equalTo("created"))
                .extract().path("ticketId");
        assertThat(other).isNotEqualTo(ticketId);
        // Another customer in the adapter's thread does not land on the thread's ticket, nor takes the thread over.
        String stranger = Channel.postMessage("c-" + UUID.randomUUID(), "Printer", "Mine", thread).statusCode(201)
                .extract().path("ticketId");
        assertThat(stranger).isNotEqualTo(ticketId);
        Channel.postMessage(customer, "Re: Printer", "Again", thread).statusCode(200)
                .body("outcome", equalTo("appended")).body("ticketId", equalTo(ticketId));
    }

    @Test
    void aBatchAndASingleMessageOfOneThreadArrivingAtOnceOpenOneTicket() throws Exception {
        String customer = "c-" + UUID.randomUUID();
        String thread = "chat-" + UUID.randomUUID();
        java.util.concurrent.ExecutorService adapters = java.util.concurrent.Executors.newFixedThreadPool(2);
        try (java.sql.Connection holder = io.tierdesk.testsupport.TierdeskInfra.connect(database)) {
            // The customer, inserted and not committed: the single message takes the thread's lock, finds no
            // ticket and waits here; the batch must wait for the thread's lock, not look the thread up meanwhile.
            holdCustomer(holder, customer);
            var single = adapters.submit(() -> Channel.postMessage(customer, "Printer", "It jams", thread)
                    .extract().<String>path("ticketId"));
            await().atMost(Duration.ofSeconds(30)).until(() -> waiting() >= 1);
            String batch = "[" + Channel.structured(UUID.randomUUID().toString(), "tierdesk.channel.message.received",
                    Channel.message(customer, "Printer", "It still jams", thread)) + ","
                    + Channel.structured(UUID.randomUUID().toString(), "tierdesk.channel.message.received",
                    Channel.message("c-" + UUID.randomUUID(), "Other", "Something else", null)) + "]";
            var together = adapters.submit(() -> given()
                    .header("Authorization", TestTokens.bearer("mail-gateway", "channel"))
                    .contentType("application/cloudevents-batch+json").body(batch).post("/api/v1/channel-events")
                    .then().statusCode(200).extract().jsonPath());
            await().atMost(Duration.ofSeconds(30)).until(() -> waiting() >= 2);
            holder.commit();
            String first = single.get(30, java.util.concurrent.TimeUnit.SECONDS);
            io.restassured.path.json.JsonPath answers = together.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(answers.getString("[0].answer.ticketId")).as("the batch's message lands on the first ticket")
                    .isEqualTo(first);
            assertThat(answers.getString("[0].answer.outcome")).isEqualTo("appended");
        } finally {
            adapters.shutdownNow();
        }
        assertThat(count("SELECT count(*) FROM event WHERE type = 'tierdesk.ticket.opened.v1' "
                + "AND payload ->> 'threadRef' = ?", thread)).isEqualTo(1);
    }

    /** Inserts the customer in the holder's transaction, not committed: whoever needs that row waits for it. */
    private static void holdCustomer(java.sql.Connection holder, String customer) throws Exception {
        holder.setAutoCommit(false);
        try (java.sql.PreparedStatement insert = holder.prepareStatement(
                "INSERT INTO customer (external_id, plan) VALUES (?, 'warranty')")) {
            insert.setString(1, customer);
            insert.executeUpdate();
        }
    }

    private long waiting() throws Exception {
        return TestDb.number(database, "SELECT count(*) FROM pg_stat_activity WHERE datname = ? "
                + "AND wait_event_type IN ('Lock', 'Advisory')", database);
    }

    @Test
    void onlyChannelsMayPost() {
        given().header("Authorization", TestTokens.bearer("alice", "agent")).contentType("application/cloudevents+json")
                .body("{}").post("/api/v1/channel-events").then().statusCode(403);
        given().contentType("application/cloudevents+json").body("{}").post("/api/v1/channel-events")
                .then().statusCode(401);
    }

    private long count(String sql, Object... parameters) throws Exception {
        return TestDb.number(database, sql, parameters);
    }
}
