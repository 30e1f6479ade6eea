package io.tierdesk.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tierdesk.testsupport.TestKafka;
import io.tierdesk.testsupport.TestTokens;
import io.tierdesk.testsupport.TierdeskInfra;
import io.tierdesk.events.CloudEvent;
import io.tierdesk.events.KafkaBinding;
import io.tierdesk.events.Topics;
import io.tierdesk.events.ticket.Channel;
import io.tierdesk.events.ticket.CustomerRef;
import io.tierdesk.events.ticket.Diagnostics;
import io.tierdesk.events.ticket.SupportPlan;
import io.tierdesk.events.ticket.TicketOpened;
import io.tierdesk.events.ticket.Urgency;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two escalation-router processes on one database and one consumer group, fed the same burst; one of them is
 * killed (SIGKILL) halfway and started again. No ticket may get two assignees, no agent may go over capacity, and
 * no ticket may be lost.
 */
class TwoRoutersSystemTest {
    static final int AGENTS = 8;
    static final int CAPACITY = 3;
    static final int TICKETS = 60;

    @Test
    void twoRoutersNeverDoubleAssignOrOverfillAndACrashLosesNoTicket() throws Exception {
        Path root = Launcher.projectRoot();
        TierdeskInfra infra = new TierdeskInfra();
        Map<String, String> config = new HashMap<>(infra.start());
        // Notice a killed member within seconds instead of the default 45 s.
        for (String channel : List.of("tickets", "sla")) {
            config.put("mp.messaging.incoming." + channel + ".session.timeout.ms", "6000");
            config.put("mp.messaging.incoming." + channel + ".heartbeat.interval.ms", "1000");
        }
        config.put("tierdesk.eventing.relay.poll-interval", "200ms");
        String database = config.get("tierdesk.db.name");
        String ticketsTopic = config.get("tierdesk.eventing.topic-prefix") + Topics.TICKETS;
        ServiceProcess restarted = null;
        try (ServiceProcess a = ServiceProcess.start(root, "escalation-router", "router-a", config);
             ServiceProcess b = ServiceProcess.start(root, "escalation-router", "router-b", config)) {
            for (int i = 0; i < AGENTS; i++) {
                String agent = "agent-" + i;
                given().baseUri(a.url()).header("Authorization", TestTokens.bearer("sup", "supervisor"))
                        .contentType("application/json")
                        .body("{\"tier\":\"L1\",\"capacity\":" + CAPACITY + ",\"skills\":[\"billing\"]}")
                        .put("/api/v1/agents/" + agent).then().statusCode(200);
                given().baseUri(b.url()).header("Authorization", TestTokens.bearer(agent, "agent"))
                        .contentType("application/json").body("{\"presence\":\"online\"}")
                        .post("/api/v1/agents/" + agent + "/presence").then().statusCode(200);
            }

            for (int i = 0; i < TICKETS; i++) {
                if (i == TICKETS / 2) {
                    b.kill();
                }
                publishOpened(ticketsTopic, i % 4 == 0 ? Urgency.HIGH : Urgency.LOW);
                if (i == TICKETS / 2 + 5) {
                    restarted = ServiceProcess.start(root, "escalation-router", "router-b-again", config);
                }
            }

            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> count(database, "SELECT count(*) FROM routed_ticket") == TICKETS);
            // What a killed router left uncommitted is handed again: judged once the group has committed it all.
            TestKafka.awaitConsumed("escalation-router.tickets", ticketsTopic);

            assertThat(count(database, "SELECT count(*) FROM routed_ticket")).isEqualTo(TICKETS);
            assertThat(count(database, "SELECT COALESCE(max(n), 0) FROM (SELECT count(*) n FROM event WHERE type = "
                    + "'tierdesk.routing.assigned.v1' GROUP BY stream_id) per_ticket"))
                    .as("assignments per ticket").isEqualTo(1);
            assertThat(count(database, "SELECT COALESCE(max(n), 0) FROM (SELECT count(*) n FROM routed_ticket WHERE "
                    + "state = 'assigned' GROUP BY assignee) per_agent")).as("load of the busiest agent")
                    .isEqualTo(CAPACITY);
            assertThat(count(database, "SELECT count(*) FROM routed_ticket WHERE state = 'assigned'"))
                    .isEqualTo(AGENTS * CAPACITY);
            assertThat(count(database, "SELECT count(*) FROM routed_ticket WHERE state = 'queued'"))
                    .isEqualTo(TICKETS - AGENTS * CAPACITY);
            assertThat(count(database, "SELECT count(DISTINCT stream_id) FROM event WHERE type = "
                    + "'tierdesk.routing.triaged.v1'")).isEqualTo(TICKETS);
            assertThat(count(database, "SELECT COALESCE(max(n), 0) FROM (SELECT count(*) n FROM event WHERE type = "
                    + "'tierdesk.routing.triaged.v1' GROUP BY stream_id) per_ticket")).as("triage per ticket")
                    .isEqualTo(1);
        } finally {
            if (restarted != null) {
                restarted.close();
            }
            infra.stop();
        }
    }

    private static void publishOpened(String topic, Urgency urgency) {
        UUID ticket = UUID.randomUUID();
        TicketOpened opened = new TicketOpened(ticket, "TD-" + ticket.toString().substring(0, 6), Channel.PORTAL,
                new CustomerRef("acme", null, null, null, "en"), SupportPlan.POST_WARRANTY, "Invoice wrong", "…",
                new Diagnostics(null, "billing", null, null, null), urgency, null, List.of(), null, Instant.now());
        CloudEvent event = CloudEvent.of(UUID.randomUUID().toString(), "/ticket-intake", ticket.toString(),
                Instant.now(), opened);
        TestKafka.send(topic, ticket.toString(), KafkaBinding.headers(event), event.data());
    }

    private static long count(String database, String sql) throws Exception {
        try (Connection connection = TierdeskInfra.connect(database);
             ResultSet rs = connection.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
