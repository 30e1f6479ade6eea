package io.tierdesk.notification.api;

import static io.tierdesk.testsupport.TestApi.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tierdesk.eventing.config.EventingConfig;
import io.tierdesk.notification.application.DeliveryWorker;
import io.tierdesk.testsupport.TestEvents;
import io.tierdesk.testsupport.TestMetrics;
import io.tierdesk.testsupport.TierdeskInfra;
import io.tierdesk.events.Topics;
import io.tierdesk.events.ticket.Channel;
import io.tierdesk.events.ticket.CustomerRef;
import io.tierdesk.events.ticket.Diagnostics;
import io.tierdesk.events.ticket.SupportPlan;
import io.tierdesk.events.ticket.TicketOpened;
import io.tierdesk.events.ticket.Urgency;
import io.tierdesk.notification.TestMailServer;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Signed webhooks to a real HTTP receiver: retried on 503, verified with a Standard Webhooks library, 410 ends it. */
@QuarkusTest
@WithTestResource(TierdeskInfra.class)
@WithTestResource(TestMailServer.class)
class WebhookTest {
    @Inject
    EventingConfig eventing;

    /** A request as the receiver saw it. */
    record Received(Map<String, List<String>> headers, String body, Instant at) {
    }

    private HttpServer receiver;
    /** This test's own path on the receiver. */
    private final String token = UUID.randomUUID().toString();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> retryAfter = new ConcurrentLinkedQueue<>();
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "tierdesk.db.name")
    String database;
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "tierdesk.notification.delivery.max-backoff")
    Duration maxBackoff;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            // A webhook an earlier test registered may point at this port again (ports are reused): it gets a 404
            // and takes none of this test's answers.
            if (!exchange.getRequestURI().getPath().equals("/hook/" + token)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), new String(body,
                    StandardCharsets.UTF_8), Instant.now()));
            Integer status = answers.poll();
            String wait = retryAfter.poll();
            if (wait != null) {
                exchange.getResponseHeaders().add("Retry-After", wait);
            }
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook/" + token;
    }

    private static String secret() {
        byte[] key = new byte[24];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    private void register(String id, String secret, String channel) {
        as("root", "admin").body(Map.of("url", url(), "secret", secret, "channels", List.of(channel)))
                .put("/api/v1/webhooks/" + id).then().statusCode(200).body("enabled", equalTo(true))
                .body("$", not(org.hamcrest.Matchers.hasKey("secret")));
    }

    private UUID open(Channel channel, String number) {
        UUID ticket = UUID.randomUUID();
        TestEvents.publish(eventing.topic(Topics.TICKETS), "/ticket-intake", ticket, new TicketOpened(ticket, number,
                channel, new CustomerRef("tg-" + ticket, "Ivan", null, null, "ru"), SupportPlan.WARRANTY,
                "Роутер не раздаёт Wi-Fi", "Пропал интернет", Diagnostics.NONE, Urgency.MEDIUM, null, List.of(), null,
                Instant.now()));
        return ticket;
    }

    private static Map<String, List<String>> lowerCase(Map<String, List<String>> headers) {
        Map<String, List<String>> lower = new java.util.HashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), v));
        return lower;
    }

    @Test
    void aReceiverAnswering503TwiceGetsTheThirdAttemptSignedAndFresh() throws Exception {
        String secret = secret();
        register("chat-adapter", secret, "chat");
        answers.add(503);
        answers.add(503);
        UUID ticket = open(Channel.CHAT, "TD-200001");
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 3);
        TestMetrics.awaitRuns(DeliveryWorker.JOB, 3);
        assertThat(received).hasSize(3);
        Received third = received.get(2);
        // Verified by an independent Standard Webhooks implementation, which also refuses stale timestamps.
        new com.standardwebhooks.Webhook(secret).verify(third.body(), lowerCase(third.headers()));
        long timestamp = Long.parseLong(lowerCase(third.headers()).get("webhook-timestamp").get(0));
        assertThat(Math.abs(third.at().getEpochSecond() - timestamp)).isLessThanOrEqualTo(5);
        // Every attempt carries the same id, so the adapter can drop a repeat.
        assertThat(received.stream().map(r -> lowerCase(r.headers()).get("webhook-id").get(0)).distinct()).hasSize(1);
        JsonNode body = new ObjectMapper().readTree(third.body());
        assertThat(body.get("type").asText()).isEqualTo("customer.receipt");
        assertThat(body.get("ticketId").asText()).isEqualTo(ticket.toString());
        assertThat(body.get("number").asText()).isEqualTo("TD-200001");
        assertThat(body.get("language").asText()).isEqualTo("ru");
        assertThat(body.get("recipient").get("externalId").asText()).isEqualTo("tg-" + ticket);
        assertThat(body.get("subject").asText()).startsWith("[TD-200001]");
        as("sam", "supervisor").queryParam("ticketId", ticket.toString()).get("/api/v1/deliveries").then()
                .statusCode(200).body("find { it.medium == 'webhook' }.state", equalTo("delivered"))
                .body("find { it.medium == 'webhook' }.attempts", equalTo(3));
    }

    /**
     * One endpoint that is both a channel's adapter and an integration subscribed to the openings gets both for one
     * event: the customer's receipt and the raw TicketOpened (found by ./tierdesk chaos: the receipt was lost).
     */
    @Test
    void anAdapterThatAlsoTakesTheOpeningsGetsTheReceiptAndTheRawEventOfOneOpening() throws Exception {
        as("root", "admin").body(Map.of("url", url(), "secret", secret(), "channels", List.of("api"),
                        "types", List.of("tierdesk.ticket.opened.v1")))
                .put("/api/v1/webhooks/api-and-openings").then().statusCode(200);
        try {
            UUID ticket = open(Channel.API, "TD-200009");
            List<String> types = new java.util.concurrent.CopyOnWriteArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                types.clear();
                for (Received r : received) {
                    JsonNode body = new ObjectMapper().readTree(r.body());
                    if (body.path("ticketId").asText().equals(ticket.toString())) {
                        types.add(body.get("type").asText());
                    }
                }
                assertThat(types).hasSizeGreaterThanOrEqualTo(2);
            });
            assertThat(types).containsExactlyInAnyOrder("customer.receipt", "tierdesk.ticket.opened.v1");
            as("sam", "supervisor").queryParam("ticketId", ticket.toString()).get("/api/v1/deliveries").then()
                    .statusCode(200).body("findAll { it.medium == 'webhook' }.kind",
                            org.hamcrest.Matchers.containsInAnyOrder("customer.receipt", "tierdesk.ticket.opened.v1"));
        } finally {
            as("root", "admin").delete("/api/v1/webhooks/api-and-openings").then().statusCode(204);
        }
    }

    @Test
    void a410EndsDeadWithItsReasonDisablesTheEndpointAndARetryWaitsUntilItIsEnabledAgain() {
        register("gone-adapter", secret(), "messenger");
        answers.add(410);
        UUID ticket = open(Channel.MESSENGER, "TD-200002");
        // Filtered by recipient: a webhook another test registered for every opening may still be in the replica's
        // settings when this ticket opens, and its delivery is not the one this test is about.
        await().atMost(Duration.ofSeconds(30)).until(() -> "dead".equals(as("sam", "supervisor")
                .queryParam("ticketId", ticket.toString()).get("/api/v1/deliveries").then().extract()
                .path("find { it.medium == 'webhook' && it.recipient == 'gone-adapter' }.state")));
        String id = as("sam", "supervisor").queryParam("ticketId", ticket.toString()).get("/api/v1/deliveries")
                .then().body("find { it.medium == 'webhook' && it.recipient == 'gone-adapter' }.lastError", containsString("410")).extract()
                .path("find { it.medium == 'webhook' && it.recipient == 'gone-adapter' }.deliveryId");
        as("root", "admin").get("/api/v1/webhooks/gone-adapter").then().statusCode(200)
                .body("enabled", equalTo(false));
        // Meanwhile the channel's customers with an address are told by e-mail, and the log says why.
        UUID next = UUID.randomUUID();
        TestEvents.publish(eventing.topic(Topics.TICKETS), "/ticket-intake", next, new TicketOpened(next,
                "TD-200013", Channel.MESSENGER, new CustomerRef("tg-" + next, "Ivan", "ivan-" + next + "@example.org",
                        null, "ru"), SupportPlan.WARRANTY, "Роутер", "Нет сети", Diagnostics.NONE, Urgency.MEDIUM,
                null, List.of(), null, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> "delivered".equals(state(next, "email")));
        as("sam", "supervisor").queryParam("ticketId", next.toString()).get("/api/v1/deliveries").then()
                .body("find { it.medium == 'email' }.fallback", containsString("gone-adapter"))
                .body("find { it.medium == 'webhook' && it.recipient == 'gone-adapter' }", org.hamcrest.Matchers.nullValue());
        // A manual retry never sends to a disabled endpoint; once an admin saves it again, it may.
        as("sam", "supervisor").post("/api/v1/deliveries/" + id + "/retry").then().statusCode(409)
                .body("errors.field", hasItem("webhook"));
        assertThat(received).hasSize(1);
        register("gone-adapter", secret(), "messenger");
        as("sam", "supervisor").post("/api/v1/deliveries/" + id + "/retry").then().statusCode(200)
                .body("state", equalTo("pending"));
        await().atMost(Duration.ofSeconds(30)).until(() -> "delivered".equals(as("sam", "supervisor")
                .queryParam("ticketId", ticket.toString()).get("/api/v1/deliveries").then().extract()
                .path("find { it.medium == 'webhook' && it.recipient == 'gone-adapter' }.state")));
        assertThat(received).hasSize(2);
        as("sam", "supervisor").post("/api/v1/deliveries/" + id + "/retry").then().statusCode(409);
    }

    @Test
    void aRotatedSecretKeepsTheOldOneSigningDuringTheGracePeriod() throws Exception {
        String old = secret();
        String fresh = secret();
        register("rotating-adapter", old, "portal");
        register("rotating-adapter", fresh, "portal");
        as("root", "admin").get("/api/v1/webhooks/rotating-adapter").then().statusCode(200)
                .body("previousSecretUntil", org.hamcrest.Matchers.notNullValue());
        open(Channel.PORTAL, "TD-200003");
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == 1);
        Received r = received.get(0);
        assertThat(lowerCase(r.headers()).get("webhook-signature").get(0).split(" ")).hasSize(2);
        new com.standardwebhooks.Webhook(old).verify(r.body(), lowerCase(r.headers()));
        new com.standardwebhooks.Webhook(fresh).verify(r.body(), lowerCase(r.headers()));
    }

    /**
     * A receiver asking to be called again in three million years: the wait is clamped to the longest backoff, and
     * the customer's mail claimed in the same round is recorded delivered at once (a failure to record one row once
     * left every row of the round to be sent again after the lease).
     */
    @Test
    void aHugeRetryAfterIsClampedAndCannotHoldBackOrRepeatAnotherDeliveryOfItsRound() throws Exception {
        as("root", "admin").body(Map.of("url", url(), "secret", secret(), "channels", List.of(),
                "types", List.of("tierdesk.ticket.opened.v1"))).put("/api/v1/webhooks/every-opening")
                .then().statusCode(200);
        try {
            answers.add(503);
            retryAfter.add("100000000000000");
            UUID ticket = UUID.randomUUID();
            String email = "ivan-" + ticket + "@example.org";
            // One event, two deliveries written in one transaction: claimed in one round.
            TestEvents.publish(eventing.topic(Topics.TICKETS), "/ticket-intake", ticket, new TicketOpened(ticket,
                    "TD-200009", Channel.EMAIL, new CustomerRef("c-" + ticket, "Ivan", email, null, "en"),
                    SupportPlan.WARRANTY, "Router", "No Wi-Fi", Diagnostics.NONE, Urgency.MEDIUM, null, List.of(),
                    null, Instant.now()));
            await().atMost(Duration.ofSeconds(20)).until(() -> "delivered".equals(state(ticket, "email")));
            await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 1
                    && !"sending".equals(state(ticket, "webhook")));
            Instant next = Instant.parse(io.tierdesk.testsupport.TestDb.text(database, """
                    SELECT to_char(next_attempt_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
                    FROM delivery WHERE ticket_id = ? AND medium = 'webhook'""", ticket));
            assertThat(next).as("the wait is at most the longest backoff with its jitter")
                    .isBefore(received.get(0).at().plus(maxBackoff.multipliedBy(2)).plusSeconds(1));
            // The webhook is tried again and delivered; the mail went once.
            await().atMost(Duration.ofSeconds(20)).until(() -> "delivered".equals(state(ticket, "webhook")));
            assertThat(TestMailServer.to(email)).hasSize(1);
        } finally {
            as("root", "admin").delete("/api/v1/webhooks/every-opening").then().statusCode(204);
        }
    }

    /**
     * A row whose outcome cannot be recorded (a trigger refuses it, as a value out of range once did) does not keep
     * the other row of its round claimed: that one is recorded on its own and sent once.
     */
    @Test
    void aRowWhoseOutcomeCannotBeRecordedDoesNotRepeatTheOthersOfItsRound() throws Exception {
        sql("""
                CREATE OR REPLACE FUNCTION refuse_poison() RETURNS trigger AS $$
                BEGIN
                    IF NEW.recipient LIKE 'poison-%' AND NEW.state = 'delivered' THEN
                        RAISE EXCEPTION 'poisoned row';
                    END IF;
                    RETURN NEW;
                END $$ LANGUAGE plpgsql;
                DROP TRIGGER IF EXISTS refuse_poison ON delivery;
                CREATE TRIGGER refuse_poison BEFORE UPDATE ON delivery FOR EACH ROW EXECUTE FUNCTION refuse_poison();
                """);
        as("root", "admin").body(Map.of("url", url(), "secret", secret(), "channels", List.of(),
                "types", List.of("tierdesk.ticket.opened.v1"))).put("/api/v1/webhooks/every-opening")
                .then().statusCode(200);
        try {
            UUID ticket = UUID.randomUUID();
            TestEvents.publish(eventing.topic(Topics.TICKETS), "/ticket-intake", ticket, new TicketOpened(ticket,
                    "TD-200010", Channel.EMAIL, new CustomerRef("c-" + ticket, "Ivan", "poison-" + ticket
                            + "@example.org", null, "en"), SupportPlan.WARRANTY, "Router", "No Wi-Fi",
                    Diagnostics.NONE, Urgency.MEDIUM, null, List.of(), null, Instant.now()));
            await().atMost(Duration.ofSeconds(20)).until(() -> "delivered".equals(state(ticket, "webhook")));
            assertThat(received).hasSize(1);
            // The poisoned row itself waits its backoff, its attempt counted.
            await().atMost(Duration.ofSeconds(20)).until(() -> "pending".equals(state(ticket, "email")));
        } finally {
            sql("DROP TRIGGER refuse_poison ON delivery");
            as("root", "admin").delete("/api/v1/webhooks/every-opening").then().statusCode(204);
        }
    }

    @Inject
    org.hibernate.reactive.mutiny.Mutiny.SessionFactory sessions;
    @Inject
    io.tierdesk.notification.application.WebhookTargets targets;

    /**
     * A webhook saved through this replica, sent by another that has not read it yet: that one reads the webhooks
     * again rather than call it removed (it once marked such deliveries dead).
     */
    @Test
    void aReplicaThatHasNotYetReadANewWebhookReadsItAgainBeforeCallingItGone() throws Throwable {
        register("fresh-adapter", secret(), "portal");
        try {
            var otherWebhooks = new io.tierdesk.notification.application.Webhooks(sessions, Duration.ofHours(24));
            var otherSender = new io.tierdesk.notification.application.WebhookSender(otherWebhooks, targets,
                    java.time.Clock.systemUTC(), Duration.ofSeconds(5));
            String deliveryId = UUID.randomUUID().toString();
            io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> otherSender.send("fresh-adapter",
                    deliveryId, "{\"type\": \"customer.receipt\"}"));
            assertThat(received).hasSize(1);
            assertThat(lowerCase(received.get(0).headers()).get("webhook-id")).containsExactly(deliveryId);
            // One that is really gone is still refused as such.
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> io.quarkus.vertx.VertxContextSupport
                    .subscribeAndAwait(() -> otherSender.send("never-was", deliveryId, "{}"))))
                    .hasMessageContaining("was removed");
        } finally {
            as("root", "admin").delete("/api/v1/webhooks/fresh-adapter").then().statusCode(204);
        }
    }

    /** An admin cannot make the service call into its own network, unless an operator allowed the address. */
    @Test
    void aWebhookToAnInternalAddressIsRefusedAtSaveAndAgainAtSend() throws Exception {
        for (String url : List.of("http://10.0.0.5/hook", "http://169.254.169.254/latest/meta-data",
                "http://192.168.1.1:8080/", "http://[::1]:8085/q/metrics", "http://0.0.0.0:8085/",
                "http://[::ffff:10.1.2.3]/", "http://100.64.1.1/", "http://[fd00::1]/")) {
            as("root", "admin").body(Map.of("url", url, "secret", secret(), "channels", List.of("chat")))
                    .put("/api/v1/webhooks/inside").then().statusCode(400)
                    .body("errors.find { it.field == 'url' }.message", containsString("internal"));
        }
        // Loopback is on this test's list, as in the local launcher.
        register("allowed-loopback", secret(), "phone");
        as("root", "admin").delete("/api/v1/webhooks/allowed-loopback").then().statusCode(204);

        // One saved behind the check's back (another replica's old version, a hand edit): refused at send.
        sql("""
                INSERT INTO webhook (webhook_id, url, secret, channels, types, enabled, changed_by, changed_at)
                VALUES ('sneaked-in', 'http://10.9.9.9:1/hook', 'whsec_c2VjcmV0c2VjcmV0c2VjcmV0',
                    ARRAY['web'], ARRAY[]::text[], true, 'other', now())""");
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> as("root", "admin").get("/api/v1/webhooks/sneaked-in")
                    .then().extract().statusCode() == 200);
            UUID ticket = open(Channel.WEB, "TD-200011");
            await().atMost(Duration.ofSeconds(30)).until(() -> "dead".equals(state(ticket, "webhook")));
            as("sam", "supervisor").queryParam("ticketId", ticket.toString()).get("/api/v1/deliveries").then()
                    .body("find { it.medium == 'webhook' }.lastError", containsString("not allowed"))
                    .body("find { it.medium == 'webhook' }.attempts", equalTo(1));
        } finally {
            as("root", "admin").delete("/api/v1/webhooks/sneaked-in").then().statusCode(204);
        }
    }

    /** Agents read their own notices in the delivery log; supervisors and admins read all of it. */
    @Test
    void anAgentReadsOnlyTheirOwnNoticesInTheDeliveryLog() {
        register("log-adapter", secret(), "messenger");
        try {
            answers.add(410);
            UUID ticket = open(Channel.MESSENGER, "TD-200012");
            await().atMost(Duration.ofSeconds(30)).until(() -> "dead".equals(state(ticket, "webhook")));
            TestEvents.publish(eventing.topic(Topics.ROUTING), "/escalation-router", ticket,
                    new io.tierdesk.events.routing.TicketAssigned(ticket, "vera", io.tierdesk.events.routing.Tier.L1,
                            "router", Instant.now()), UUID.randomUUID(), Instant.now());
            await().atMost(Duration.ofSeconds(30)).until(() -> as("vera", "agent")
                    .queryParam("ticketId", ticket.toString()).get("/api/v1/deliveries").then().extract()
                    .<List<String>>path("recipient").contains("vera"));
            List<String> recipients = as("vera", "agent").queryParam("ticketId", ticket.toString())
                    .get("/api/v1/deliveries").then().statusCode(200).extract().path("recipient");
            assertThat(recipients).containsOnly("vera");
            assertThat(as("other", "agent").queryParam("ticketId", ticket.toString()).get("/api/v1/deliveries")
                    .then().statusCode(200).extract().<List<String>>path("recipient")).isEmpty();
            assertThat(as("sam", "supervisor").queryParam("ticketId", ticket.toString()).get("/api/v1/deliveries")
                    .then().statusCode(200).extract().<List<String>>path("recipient")).contains("vera", "log-adapter");
        } finally {
            as("root", "admin").delete("/api/v1/webhooks/log-adapter").then().statusCode(204);
        }
    }

    private void sql(String statements) throws Exception {
        try (var connection = TierdeskInfra.connect(database); var statement = connection.createStatement()) {
            statement.execute(statements);
        }
    }

    private static String state(UUID ticket, String medium) {
        return as("sam", "supervisor").queryParam("ticketId", ticket.toString()).get("/api/v1/deliveries").then()
                .extract().path("find { it.medium == '" + medium + "' }.state");
    }

    @Test
    void badWebhooksAreRefusedNamingTheField() {
        as("root", "admin").body(Map.of("url", "ftp://x", "secret", "plain", "channels", List.of("pigeon")))
                .put("/api/v1/webhooks/bad").then().statusCode(400).body("errors.field", hasItem("url"))
                .body("errors.field", hasItem("secret")).body("errors.field", hasItem("channels"));
        as("anna", "agent").get("/api/v1/webhooks/chat-adapter").then().statusCode(403);
        as("root", "admin").delete("/api/v1/webhooks/nothing").then().statusCode(404);
    }
}
