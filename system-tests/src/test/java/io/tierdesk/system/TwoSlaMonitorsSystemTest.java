package io.tierdesk.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tierdesk.testsupport.TestDb;
import io.tierdesk.testsupport.TestEvents;
import io.tierdesk.testsupport.TestKafka;
import io.tierdesk.testsupport.TestMetrics;
import io.tierdesk.testsupport.TierdeskInfra;
import io.tierdesk.events.KafkaBinding;
import io.tierdesk.events.Topics;
import io.tierdesk.events.ticket.SupportPlan;
import io.tierdesk.events.ticket.TicketOpened;
import io.tierdesk.events.ticket.Urgency;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two sla-monitor processes on one database: both are killed (SIGKILL) before their tickets' first-response clocks
 * fall due, and both start again after every due moment has passed. Each ticket's warning and breach must be
 * announced exactly once — in the event log and on the topic — the breach with the moment it fell due.
 */
class TwoSlaMonitorsSystemTest {
    static final int TICKETS = 40;

    @Test
    void missedBreachesGoOutOnceEachAfterARestartOfTwoInstancesRacingForThem() throws Exception {
        Path root = Launcher.projectRoot();
        TierdeskInfra infra = new TierdeskInfra();
        Map<String, String> config = new HashMap<>(infra.start());
        config.put("tierdesk.eventing.relay.poll-interval", "200ms");
        String database = config.get("tierdesk.db.name");
        String prefix = config.get("tierdesk.eventing.topic-prefix");
        List<ServiceProcess> running = new java.util.ArrayList<>();
        try {
            running.add(ServiceProcess.start(root, "sla-monitor", "sla-a", config));
            running.add(ServiceProcess.start(root, "sla-monitor", "sla-b", config));
            // Premium at its default P3: first response within 1 hour on 24x7, warned at 45 minutes. Opened 59 min
            // 40 s ago, so the warning is due at once and the breach 20 to 24 seconds from now.
            Instant now = Instant.now();
            Map<UUID, Instant> due = new HashMap<>();
            for (int i = 0; i < TICKETS; i++) {
                UUID ticket = UUID.randomUUID();
                Instant openedAt = now.minus(Duration.ofMinutes(59)).minusSeconds(40).plusMillis(100L * i);
                due.put(ticket, openedAt.plus(Duration.ofHours(1)));
                TestEvents.publish(prefix + Topics.TICKETS, "/ticket-intake", ticket, opened(ticket, openedAt),
                        UUID.randomUUID(), openedAt);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> count(database, "tierdesk.sla.warning-reached.v1")
                    == TICKETS);
            for (ServiceProcess service : running) {
                service.kill();
            }
            running.clear();
            Instant lastDue = due.values().stream().max(Instant::compareTo).orElseThrow();
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), lastDue).toMillis()) + 2000);
            assertThat(count(database, "tierdesk.sla.breached.v1")).as("nothing runs while both are down").isZero();

            running.add(ServiceProcess.start(root, "sla-monitor", "sla-a-again", config));
            running.add(ServiceProcess.start(root, "sla-monitor", "sla-b-again", config));
            await().atMost(Duration.ofSeconds(60)).until(() -> count(database, "tierdesk.sla.breached.v1")
                    >= TICKETS);
            // Rounds of both monitors' timers after the breaches: a second announcement, if any, would be made by now.
            TestMetrics.awaitRunsAt(running.stream().map(ServiceProcess::url).toList(), "SLA timers", 2);

            assertThat(count(database, "tierdesk.sla.breached.v1")).isEqualTo(TICKETS);
            assertThat(count(database, "tierdesk.sla.warning-reached.v1")).isEqualTo(TICKETS);
            assertThat(TestDb.number(database, """
                    SELECT count(*) FROM event WHERE type = 'tierdesk.sla.breached.v1'
                    AND (payload ->> 'dueAt')::timestamptz < (payload ->> 'at')::timestamptz""")).as(
                    "announced after the moment it fell due, which the event keeps").isEqualTo(TICKETS);
            for (Map.Entry<UUID, Instant> ticket : due.entrySet()) {
                assertThat(TestDb.text(database, "SELECT payload ->> 'dueAt' FROM event WHERE stream_id = ? AND type "
                        + "= 'tierdesk.sla.breached.v1'", ticket.getKey().toString()))
                        .isEqualTo(ticket.getValue().toString());
            }
            Map<String, Set<String>> breachIdsByTicket = new HashMap<>();
            TestKafka.read(prefix + Topics.SLA, r -> due.containsKey(UUID.fromString(r.key()))
                            && "tierdesk.sla.breached.v1".equals(TestKafka.header(r, KafkaBinding.TYPE)),
                    found -> found.stream().map(r -> r.key()).distinct().count() >= TICKETS, Duration.ofSeconds(60))
                    .forEach(r -> breachIdsByTicket.computeIfAbsent(r.key(), k -> new HashSet<>())
                            .add(TestKafka.header(r, KafkaBinding.ID)));
            assertThat(breachIdsByTicket).as("tickets with a breach on the topic").hasSize(TICKETS);
            assertThat(breachIdsByTicket.values()).as("distinct breach events per ticket on the topic")
                    .allMatch(ids -> ids.size() == 1);
        } finally {
            for (ServiceProcess service : running) {
                service.close();
            }
            infra.stop();
        }
    }

    private static TicketOpened opened(UUID ticket, Instant openedAt) {
        TicketOpened sample = TestEvents.opened(ticket, "router", Urgency.HIGH, SupportPlan.PREMIUM);
        return new TicketOpened(ticket, sample.number(), sample.channel(), sample.customer(), SupportPlan.PREMIUM,
                sample.subject(), sample.body(), sample.diagnostics(), sample.statedUrgency(), null, List.of(), null,
                openedAt);
    }

    private static long count(String database, String type) throws Exception {
        return TestDb.number(database, "SELECT count(*) FROM event WHERE type = ?", type);
    }
}
