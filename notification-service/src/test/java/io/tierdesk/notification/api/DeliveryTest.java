package io.tierdesk.notification.api;

import static io.tierdesk.testsupport.TestApi.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tierdesk.eventing.config.EventingConfig;
import io.tierdesk.notification.application.DeliveryWorker;
import io.tierdesk.testsupport.TestDb;
import io.tierdesk.testsupport.TestEvents;
import io.tierdesk.testsupport.TestMetrics;
import io.tierdesk.testsupport.TierdeskInfra;
import io.tierdesk.events.Topics;
import io.tierdesk.events.routing.TicketAssigned;
import io.tierdesk.events.routing.Tier;
import io.tierdesk.events.ticket.Channel;
import io.tierdesk.events.ticket.CustomerRef;
import io.tierdesk.events.ticket.Diagnostics;
import io.tierdesk.events.ticket.SupportPlan;
import io.tierdesk.events.ticket.TicketOpened;
import io.tierdesk.events.ticket.Urgency;
import io.tierdesk.notification.TestMailServer;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Events in over the broker, mail out to a real SMTP server: once per event and recipient, whatever happens. */
@QuarkusTest
@WithTestResource(TierdeskInfra.class)
@WithTestResource(TestMailServer.class)
class DeliveryTest {
    @Inject
    EventingConfig eventing;
    @ConfigProperty(name = "tierdesk.db.name")
    String database;

    private UUID opened(UUID ticket, String number, String subject, String email, String language) {
        return TestEvents.publish(eventing.topic(Topics.TICKETS), "/ticket-intake", ticket, new TicketOpened(ticket,
                number, Channel.EMAIL, new CustomerRef("c-" + ticket, "Анна", email, null, language),
                SupportPlan.WARRANTY, subject, "Не печатает с утра", Diagnostics.NONE, Urgency.MEDIUM, null, List.of(),
                null, Instant.now()), UUID.randomUUID(), Instant.now());
    }

    private void awaitProcessed(UUID eventId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> TestDb.number(database,
                "SELECT count(*) FROM processed_event WHERE event_id = ?", eventId.toString()) >= 1);
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aTicketOpenedYieldsOneReceiptInTheCustomersLanguageWithItsNumberEvenDeliveredThreeTimes() throws Exception {
        UUID ticket = UUID.randomUUID();
        String email = "anna-" + ticket + "@example.org";
        TicketOpened event = new TicketOpened(ticket, "TD-100001", Channel.EMAIL, new CustomerRef("c-1", "Анна",
                email, null, "ru"), SupportPlan.WARRANTY, "Принтер не печатает", "С утра", Diagnostics.NONE,
                Urgency.MEDIUM, null, List.of(), null, Instant.now());
        UUID eventId = UUID.randomUUID();
        double handled = TestMetrics.handled("notification-tickets");
        for (int i = 0; i < 3; i++) {
            TestEvents.publish(eventing.topic(Topics.TICKETS), "/ticket-intake", ticket, event, eventId,
                    Instant.now());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> TestMailServer.to(email).size() == 1);
        MimeMessage mail = TestMailServer.to(email).get(0);
        assertThat(subject(mail)).startsWith("[TD-100001]").contains("Мы получили ваше обращение")
                .contains("Принтер не печатает");
        // Nothing more comes: the consumer has taken all three copies and planned one delivery.
        TestMetrics.awaitHandled("notification-tickets", handled, 3);
        assertThat(TestDb.number(database, "SELECT count(*) FROM delivery WHERE ticket_id = CAST(? AS uuid)",
                ticket.toString())).isEqualTo(1);
        assertThat(TestMailServer.to(email)).hasSize(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> TestDb.number(database,
                "SELECT count(*) FROM event WHERE stream_id = ? AND type = ?", ticket.toString(),
                "tierdesk.notification.delivered.v1") == 1);
        as("sam", "supervisor").queryParam("ticketId", ticket.toString()).get("/api/v1/deliveries").then()
                .statusCode(200).body("kind", hasItem("customer.receipt"))
                .body("find { it.kind == 'customer.receipt' }.state", equalTo("delivered"))
                .body("find { it.kind == 'customer.receipt' }.language", equalTo("ru"));
    }

    @Test
    void aFailureMonitoringReportedSendsTheCustomerNoReceiptByDefault() throws Exception {
        UUID ticket = UUID.randomUUID();
        String email = "ops-" + ticket + "@example.org";
        UUID eventId = TestEvents.publish(eventing.topic(Topics.TICKETS), "/ticket-intake", ticket, new TicketOpened(
                ticket, "TD-100009", Channel.MONITORING, new CustomerRef("c-" + ticket, "Ops", email, null, "en"),
                SupportPlan.PREMIUM, "[critical] db-01: RAID array degraded", "Disk 3 of 4 reports media errors.",
                Diagnostics.NONE, Urgency.CRITICAL, null, List.of(), null, Instant.now()), UUID.randomUUID(),
                Instant.now());
        awaitProcessed(eventId);
        assertThat(TestDb.number(database, "SELECT count(*) FROM delivery WHERE ticket_id = CAST(? AS uuid)",
                ticket.toString())).isZero();
        // The same customer writing in gets the receipt as usual.
        UUID written = UUID.randomUUID();
        opened(written, "TD-100010", "Printer is offline", email, "en");
        await().atMost(Duration.ofSeconds(30)).until(() -> TestMailServer.to(email).size() == 1);
        assertThat(subject(TestMailServer.to(email).get(0))).startsWith("[TD-100010]");
    }

    @Test
    void anEnglishCustomerGetsTheEnglishReceipt() {
        UUID ticket = UUID.randomUUID();
        String email = "bob-" + ticket + "@example.org";
        opened(ticket, "TD-100002", "Printer is offline", email, "en");
        await().atMost(Duration.ofSeconds(30)).until(() -> TestMailServer.to(email).size() == 1);
        assertThat(subject(TestMailServer.to(email).get(0))).isEqualTo(
                "[TD-100002] We have received your request: Printer is offline");
    }

    @Test
    void mailWaitsWhileTheServerIsDownAndGoesOnceWhenItIsBack() throws Exception {
        TestMailServer.down();
        try {
            UUID ticket = UUID.randomUUID();
            String email = "down-" + ticket + "@example.org";
            awaitProcessed(opened(ticket, "TD-100003", "Почта не уходит", email, "ru"));
            await().atMost(Duration.ofSeconds(30)).until(() -> TestDb.number(database,
                    "SELECT coalesce(max(attempts), 0) FROM delivery WHERE ticket_id = CAST(? AS uuid)", ticket.toString()) >= 2);
            assertThat(TestDb.number(database, "SELECT count(*) FROM delivery WHERE ticket_id = CAST(? AS uuid) AND state = 'dead'",
                    ticket.toString())).isZero();
            TestMailServer.up();
            await().atMost(Duration.ofSeconds(30)).until(() -> TestMailServer.to(email).size() == 1);
            TestMetrics.awaitRuns(DeliveryWorker.JOB, 3);
            assertThat(TestMailServer.to(email)).hasSize(1);
        } finally {
            TestMailServer.down();
            TestMailServer.up();
        }
    }

    @Test
    void lineBreaksInTicketDataNeverReachTheMailHeaders() throws Exception {
        UUID ticket = UUID.randomUUID();
        String email = "crlf-" + ticket + "@example.org";
        opened(ticket, "TD-100004", "Help\r\nBcc: victim@example.org\r\nX-Injected: yes", email, "en");
        await().atMost(Duration.ofSeconds(30)).until(() -> TestMailServer.to(email).size() == 1);
        MimeMessage mail = TestMailServer.to(email).get(0);
        assertThat(subject(mail)).doesNotContain("\r").doesNotContain("\n").contains("Bcc: victim@example.org");
        assertThat(mail.getHeader("X-Injected")).isNull();
        assertThat(TestMailServer.to("victim@example.org")).isEmpty();
    }

    @Test
    void anAssignmentGoesToTheAgentsStreamNotByMail() {
        UUID ticket = UUID.randomUUID();
        awaitProcessed(opened(ticket, "TD-100005", "VPN не подключается", "c-" + ticket + "@example.org", "ru"));
        UUID assigned = TestEvents.publish(eventing.topic(Topics.ROUTING), "/escalation-router", ticket,
                new TicketAssigned(ticket, "anna", Tier.L1, "router", Instant.now()), UUID.randomUUID(),
                Instant.now());
        awaitProcessed(assigned);
        as("sam", "supervisor").queryParam("ticketId", ticket.toString()).get("/api/v1/deliveries").then()
                .statusCode(200)
                .body("find { it.kind == 'agent.assigned' }.recipient", equalTo("anna"))
                .body("find { it.kind == 'agent.assigned' }.medium", equalTo("stream"))
                .body("find { it.kind == 'agent.assigned' }.subject", equalTo(
                        "[TD-100005] Вам назначено обращение: VPN не подключается"));
    }

    /**
     * The routing topic and the ticket topic are read side by side: an assignment may arrive before the opening.
     * The card keeps both, whichever comes first, so the agent hears of the customer's next message.
     */
    @Test
    void anAssignmentArrivingBeforeTheOpeningIsKeptAndTheAgentHearsOfTheCustomer() {
        UUID ticket = UUID.randomUUID();
        awaitProcessed(TestEvents.publish(eventing.topic(Topics.ROUTING), "/escalation-router", ticket,
                new TicketAssigned(ticket, "boris", Tier.L1, "router", Instant.now()), UUID.randomUUID(),
                Instant.now()));
        awaitProcessed(opened(ticket, "TD-100006", "Сканер не видит сеть", "c-" + ticket + "@example.org", "ru"));
        awaitProcessed(TestEvents.publish(eventing.topic(Topics.TICKETS), "/ticket-intake", ticket,
                new io.tierdesk.events.ticket.CustomerMessageReceived(ticket, UUID.randomUUID(), Channel.EMAIL,
                        "Всё ещё не работает", List.of(), Instant.now()), UUID.randomUUID(), Instant.now()));
        as("sam", "supervisor").queryParam("ticketId", ticket.toString()).get("/api/v1/deliveries").then()
                .statusCode(200)
                .body("find { it.kind == 'agent.customer-wrote' }.recipient", equalTo("boris"))
                .body("find { it.kind == 'agent.customer-wrote' }.subject",
                        org.hamcrest.Matchers.startsWith("[TD-100006]"));
    }

    @Inject
    io.tierdesk.notification.TestClock clock;

    /**
     * A row another replica is sending, under a lease the database's clock says runs another half minute, while this
     * replica's clock runs five minutes ahead: it must not take the row and send it a second time.
     */
    @Test
    void aReplicaWhoseClockRunsAheadDoesNotTakeRowsAnotherStillHolds() throws Exception {
        UUID ticket = UUID.randomUUID();
        String email = "leased-" + ticket + "@example.org";
        TestDb.text(database, """
                INSERT INTO delivery (delivery_id, event_id, ticket_id, kind, audience, recipient, medium, language,
                    subject, text, state, attempts, next_attempt_at, event_time, created_at)
                VALUES (gen_random_uuid(), gen_random_uuid()::text, ?, 'customer.receipt', 'customer', ?, 'email',
                    'en', '[TD-100099] Held', 'Held by another replica', 'sending', 0,
                    clock_timestamp() + interval '30 seconds', now(), now())
                RETURNING recipient""", ticket, email);
        clock.advance(Duration.ofMinutes(5));
        try {
            double attempts = TestMetrics.sum("tierdesk_notification_attempts_total",
                    "medium=email");
            TestMetrics.awaitRuns(DeliveryWorker.JOB, 3);
            assertThat(TestMailServer.to(email)).isEmpty();
            assertThat(TestDb.text(database, "SELECT state FROM delivery WHERE ticket_id = ?", ticket))
                    .isEqualTo("sending");
            assertThat(TestMetrics.sum("tierdesk_notification_attempts_total",
                    "medium=email")).isEqualTo(attempts);
        } finally {
            clock.advance(Duration.ofMinutes(-5));
        }
    }
}
