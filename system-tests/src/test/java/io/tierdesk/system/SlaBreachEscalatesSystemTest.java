package io.tierdesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierdesk.testsupport.TestDb;
import io.tierdesk.testsupport.TestEvents;
import io.tierdesk.testsupport.TestKafka;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * sla-monitor and escalation-router as processes on one broker, each with its own database: a premium ticket that
 * routing triages P2 has overshot its 30-minute first response, so the triage makes sla-monitor announce the breach,
 * once, and the router moves the ticket a line up for it.
 */
class SlaBreachEscalatesSystemTest {
    @Test
    void aBreachAnnouncedBySlaMonitorMovesTheTicketUpAtTheRouter() throws Exception {
        Path root = Launcher.projectRoot();
        TierdeskInfra routerInfra = new TierdeskInfra();
        TierdeskInfra slaInfra = new TierdeskInfra();
        Map<String, String> router = new HashMap<>(routerInfra.start());
        Map<String, String> sla = new HashMap<>(slaInfra.start());
        String prefix = router.get("tierdesk.eventing.topic-prefix");
        sla.put("tierdesk.eventing.topic-prefix", prefix);
        router.put("tierdesk.eventing.relay.poll-interval", "200ms");
        sla.put("tierdesk.eventing.relay.poll-interval", "200ms");
        try (ServiceProcess routerProcess = ServiceProcess.start(root, "escalation-router", "router-sla", router);
             ServiceProcess monitor = ServiceProcess.start(root, "sla-monitor", "sla-router", sla)) {
            UUID ticket = UUID.randomUUID();
            // Opened 50 minutes ago: within premium's provisional P3 first response (1 h), past P2's (30 min).
            Instant openedAt = Instant.now().minus(Duration.ofMinutes(50));
            TicketOpened sample = TestEvents.opened(ticket, "router", Urgency.HIGH, SupportPlan.PREMIUM);
            TicketOpened opened = new TicketOpened(ticket, sample.number(), sample.channel(), sample.customer(),
                    SupportPlan.PREMIUM, sample.subject(), sample.body(), sample.diagnostics(), Urgency.HIGH, null,
                    List.of(), null, openedAt);
            TestEvents.publish(prefix + Topics.TICKETS, "/ticket-intake", ticket, opened, UUID.randomUUID(), openedAt);

            List<String> routingTypes = TestKafka.read(prefix + Topics.ROUTING, r -> ticket.toString().equals(r.key()),
                            found -> found.stream().anyMatch(r -> "tierdesk.routing.escalated.v1".equals(
                                    TestKafka.header(r, KafkaBinding.TYPE))), Duration.ofSeconds(90))
                    .stream().map(r -> TestKafka.header(r, KafkaBinding.TYPE)).toList();
            assertThat(routingTypes).startsWith("tierdesk.routing.triaged.v1").contains("tierdesk.routing.escalated.v1");
            assertThat(TestDb.text(router.get("tierdesk.db.name"), "SELECT (payload ->> 'fromTier') || '>' || "
                    + "(payload ->> 'toTier') || ' ' || (payload ->> 'reason') FROM event WHERE stream_id = ? AND type = "
                    + "'tierdesk.routing.escalated.v1'", ticket.toString())).isEqualTo("L1>L2 sla-breached");
            assertThat(TestDb.number(sla.get("tierdesk.db.name"), "SELECT count(*) FROM event WHERE stream_id = ? "
                    + "AND type = 'tierdesk.sla.breached.v1' AND payload ->> 'clock' = 'first-response'",
                    ticket.toString())).isEqualTo(1);
            assertThat(TestDb.text(sla.get("tierdesk.db.name"), "SELECT payload ->> 'dueAt' FROM event WHERE "
                    + "stream_id = ? AND type = 'tierdesk.sla.breached.v1'", ticket.toString()))
                    .isEqualTo(openedAt.plus(Duration.ofMinutes(30)).toString());
        } finally {
            routerInfra.stop();
            slaInfra.stop();
        }
    }
}
