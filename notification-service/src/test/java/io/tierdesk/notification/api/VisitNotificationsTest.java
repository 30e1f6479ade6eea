package io.tierdesk.notification.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tierdesk.eventing.config.EventingConfig;
import io.tierdesk.events.Topics;
import io.tierdesk.events.routing.VisitCancelled;
import io.tierdesk.events.routing.VisitPlace;
import io.tierdesk.events.routing.VisitRescheduled;
import io.tierdesk.events.routing.VisitScheduled;
import io.tierdesk.events.ticket.Channel;
import io.tierdesk.events.ticket.CustomerRef;
import io.tierdesk.events.ticket.Diagnostics;
import io.tierdesk.events.ticket.SupportPlan;
import io.tierdesk.events.ticket.TicketOpened;
import io.tierdesk.events.ticket.Urgency;
import io.tierdesk.notification.TestMailServer;
import io.tierdesk.notification.application.Notifications;
import io.tierdesk.testsupport.TestDb;
import io.tierdesk.testsupport.TestEvents;
import io.tierdesk.testsupport.TierdeskInfra;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** A booked visit: its confirmation at once and its reminder a day before, in the customer's language. */
@QuarkusTest
@WithTestResource(TierdeskInfra.class)
@WithTestResource(TestMailServer.class)
class VisitNotificationsTest {
    @Inject
    EventingConfig eventing;
    @ConfigProperty(name = "tierdesk.db.name")
    String database;

    private void opened(UUID ticket, String email, String language) {
        TestEvents.publish(eventing.topic(Topics.TICKETS), "/ticket-intake", ticket, new TicketOpened(ticket,
                "TD-200001", Channel.EMAIL, new CustomerRef("c-" + ticket, "Ольга", email, null, language),
                SupportPlan.PREMIUM, "Сервер не включается", "После грозы", Diagnostics.NONE, Urgency.HIGH, null,
                List.of(), null, Instant.now()), UUID.randomUUID(), Instant.now());
    }

    private void routed(UUID ticket, Object event) {
        TestEvents.publish(eventing.topic(Topics.ROUTING), "/escalation-router", ticket, event, UUID.randomUUID(),
                Instant.now());
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String deliveries(UUID ticket) {
        try {
            return TestDb.text(database, "SELECT string_agg(kind || ' ' || state || ' ' || next_attempt_at || ' '"
                    + " || coalesce(last_error, ''), '; ') FROM delivery WHERE ticket_id = CAST(? AS uuid)",
                    ticket.toString());
        } catch (Exception e) {
            return e.toString();
        }
    }

    private long reminders(UUID ticket, String state) throws Exception {
        return TestDb.number(database, "SELECT count(*) FROM delivery WHERE ticket_id = CAST(? AS uuid) "
                + "AND kind = 'customer.visit-reminder' AND state = ?", ticket.toString(), state);
    }

    @Test
    void aBookedVisitIsConfirmedAtOnceAndRemindedADayBeforeAndAMoveOrCancellationWithdrawsTheReminder()
            throws Exception {
        UUID ticket = UUID.randomUUID();
        String email = "olga-" + ticket + "@example.org";
        opened(ticket, email, "ru");
        await().atMost(Duration.ofSeconds(30)).until(() -> TestMailServer.to(email).size() == 1);

        // A day and a few seconds ahead: the reminder falls due a few seconds from now.
        UUID visit = UUID.randomUUID();
        Instant from = Instant.now().plus(Duration.ofDays(1)).plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
        routed(ticket, new VisitScheduled(ticket, visit, VisitPlace.ON_SITE, "igor", from,
                from.plus(Duration.ofHours(2)), "Тверская, 1", "pavel", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(TestMailServer.to(email))
                .as(() -> deliveries(ticket)).hasSize(3));
        List<String> subjects = TestMailServer.to(email).stream().map(VisitNotificationsTest::subject).toList();
        assertThat(subjects).anyMatch(s -> s.startsWith("[TD-200001] Визит назначен"))
                .anyMatch(s -> s.startsWith("[TD-200001] Напоминание: инженер приедет"));
        assertThat(TestDb.text(database, "SELECT text FROM delivery WHERE ticket_id = CAST(? AS uuid) "
                + "AND kind = 'customer.visit-confirmed'", ticket.toString())).contains("Тверская, 1")
                .contains(Notifications.moment(from));

        // Moved to next week: the new window is confirmed, the old reminder (already sent here) stays sent, the
        // new one waits for its day; cancelled: that reminder is withdrawn and never goes.
        UUID later = UUID.randomUUID();
        Instant nextWeek = from.plus(Duration.ofDays(7));
        routed(ticket, new VisitScheduled(ticket, later, VisitPlace.SERVICE_CENTRE, "igor", nextWeek,
                nextWeek.plus(Duration.ofHours(1)), null, "pavel", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> reminders(ticket, "pending") == 1);
        routed(ticket, new VisitRescheduled(ticket, later, "igor", nextWeek.plus(Duration.ofDays(1)),
                nextWeek.plus(Duration.ofDays(1)).plus(Duration.ofHours(1)), "pavel", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> reminders(ticket, "withdrawn") == 1
                && reminders(ticket, "pending") == 1);
        routed(ticket, new VisitCancelled(ticket, later, "fixed remotely", "pavel", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> reminders(ticket, "withdrawn") == 2
                && reminders(ticket, "pending") == 0);
        assertThat(TestMailServer.to(email)).as("receipt, confirmation, reminder, two confirmations").hasSize(5);
    }
}
