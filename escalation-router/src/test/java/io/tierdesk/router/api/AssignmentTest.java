package io.tierdesk.router.api;

import io.tierdesk.testsupport.TestDb;
import io.tierdesk.testsupport.TestEvents;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tierdesk.eventing.config.EventingConfig;
import io.tierdesk.testsupport.TestTokens;
import io.tierdesk.testsupport.TierdeskInfra;
import io.tierdesk.events.Topics;
import io.tierdesk.events.ticket.Channel;
import io.tierdesk.events.ticket.TicketResolved;
import io.tierdesk.events.ticket.Urgency;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.tierdesk.events.ticket.TicketOpened;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Tickets from the ticket stream are triaged and spread over the online agents of their tier. */
@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class AssignmentTest {
    @Inject
    EventingConfig eventing;
    @ConfigProperty(name = "tierdesk.db.name")
    String database;

    private void register(String agent, String... skills) {
        given().header("Authorization", TestTokens.bearer("sup", "supervisor")).contentType("application/json")
                .body("{\"name\":\"" + agent + "\",\"tier\":\"L1\",\"capacity\":5,\"skills\":[\""
                        + String.join("\",\"", skills) + "\"]}")
                .put("/api/v1/agents/" + agent).then().statusCode(200);
        given().header("Authorization", TestTokens.bearer(agent, "agent")).contentType("application/json")
                .body("{\"presence\":\"online\"}").post("/api/v1/agents/" + agent + "/presence").then().statusCode(200);
    }

    private UUID open(String product, Urgency urgency) {
        UUID ticket = UUID.randomUUID();
        publish(ticket, TestEvents.opened(ticket, product, urgency));
        return ticket;
    }

    private void publish(UUID ticket, Object event) {
        TestEvents.publish(eventing.topic(Topics.TICKETS), "/ticket-intake", ticket, event);
    }

    @Test
    void thirtyTicketsOverThreeSkillsLeaveNoAgentOverCapacityAndAreSpreadEvenlyThenAFreedAgentTakesTheTopWaitingOne()
            throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String[] skills = {"mail-" + run, "vpn-" + run, "printers-" + run};
        List<String> agents = List.of("a-" + run, "b-" + run, "c-" + run, "d-" + run);
        register(agents.get(0), skills[0], skills[1]);
        register(agents.get(1), skills[1], skills[2]);
        register(agents.get(2), skills[2], skills[0]);
        register(agents.get(3), skills[0], skills[1], skills[2]);

        List<UUID> tickets = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            tickets.add(open(skills[i % 3], i >= 24 ? Urgency.CRITICAL : Urgency.LOW));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT count(*) FROM routed_ticket WHERE skill LIKE ?",
                "%-" + run) == 30);

        Map<String, Integer> load = loads(run);
        assertThat(load.keySet()).containsExactlyInAnyOrderElementsOf(agents);
        assertThat(load.values()).allSatisfy(active -> assertThat(active).isLessThanOrEqualTo(5));
        int busiest = load.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        int idlest = load.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
        assertThat(busiest - idlest).isLessThanOrEqualTo(1);
        assertThat(count("SELECT count(*) FROM routed_ticket WHERE state = 'queued' AND skill LIKE ?", "%-" + run))
                .isEqualTo(10);

        // The six critical ones came last and waited; when agent a frees up, a takes a waiting critical ticket
        // with one of a's skills, not an older low-priority one.
        String freedBy = agents.get(0);
        UUID done = firstTicketOf(freedBy);
        publish(done, new TicketResolved(done, freedBy, "fixed", null, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> loads(run).get(freedBy) == 5
                && count("SELECT count(*) FROM routed_ticket WHERE state = 'inactive' AND ticket_id = ?", done) == 1);
        String priorityOfNewest = single("SELECT priority FROM routed_ticket WHERE assignee = ? AND state = 'assigned' "
                + "ORDER BY priority LIMIT 1", freedBy);
        // critical urgency x medium impact = P2; the older low-urgency tickets waiting are P4
        assertThat(priorityOfNewest).isEqualTo("P2");
    }

    /**
     * A request an agent registered (a phone call) is theirs: they own it and, working on its line, take it; one the
     * rules send to another line keeps them as owner while someone there takes it.
     */
    @Test
    void aTicketAnAgentRegisteredIsTheirsAndTheyStayItsOwnerOnAnotherLine() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String registrant = "phone-" + run;
        register(registrant, "printers-" + run);
        register("other-" + run, "printers-" + run);
        UUID ticket = UUID.randomUUID();
        TicketOpened sample = TestEvents.opened(ticket, "printers-" + run, Urgency.MEDIUM);
        publish(ticket, new TicketOpened(ticket, sample.number(), Channel.PHONE, sample.customer(), sample.plan(),
                sample.subject(), sample.body(), sample.diagnostics(), sample.statedUrgency(), null, List.of(), null,
                sample.openedAt(), registrant));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .header("Authorization", TestTokens.bearer("sup", "supervisor"))
                .get("/api/v1/tickets/" + ticket + "/routing").then().statusCode(200)
                .body("owner", org.hamcrest.Matchers.equalTo(registrant))
                .body("assignee", org.hamcrest.Matchers.equalTo(registrant)));

        // Not in the directory at all (a supervisor taking a call): owner still, and the line's agents take it.
        UUID second = UUID.randomUUID();
        publish(second, new TicketOpened(second, "TD-R" + run, Channel.WALK_IN, sample.customer(), sample.plan(),
                sample.subject(), sample.body(), sample.diagnostics(), sample.statedUrgency(), null, List.of(), null,
                sample.openedAt(), "desk-" + run));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .header("Authorization", TestTokens.bearer("sup", "supervisor"))
                .get("/api/v1/tickets/" + second + "/routing").then().statusCode(200)
                .body("owner", org.hamcrest.Matchers.equalTo("desk-" + run))
                .body("assignee", org.hamcrest.Matchers.notNullValue()));
    }

    @Test
    void anAgentComingOnlineTakesWaitingTicketsUpToCapacity() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String skill = "fax-" + run;
        for (int i = 0; i < 4; i++) {
            open(skill, Urgency.MEDIUM);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM routed_ticket WHERE state = 'queued' AND skill = ?",
                skill) == 4);
        String agent = "late-" + run;
        given().header("Authorization", TestTokens.bearer("sup", "supervisor")).contentType("application/json")
                .body("{\"tier\":\"L1\",\"capacity\":3,\"skills\":[\"" + skill + "\"]}")
                .put("/api/v1/agents/" + agent).then().statusCode(200);
        assertThat(loads(run)).isEmpty();
        given().header("Authorization", TestTokens.bearer(agent, "agent")).contentType("application/json")
                .body("{\"presence\":\"online\"}").post("/api/v1/agents/" + agent + "/presence").then().statusCode(200);
        assertThat(loads(run)).containsEntry(agent, 3);
        given().header("Authorization", TestTokens.bearer("sup", "supervisor")).contentType("application/json")
                .body("{\"tier\":\"L1\",\"capacity\":4,\"skills\":[\"" + skill + "\"]}")
                .put("/api/v1/agents/" + agent).then().statusCode(200);
        assertThat(loads(run)).containsEntry(agent, 4);
    }

    @Test
    void aTicketWaitingForTheCustomerFreesItsAgentAndComesBackWhenTheCustomerAnswers() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String skill = "gps-" + run;
        String first = "first-" + run;
        register(first, skill);
        UUID ticket = open(skill, Urgency.MEDIUM);
        await().atMost(Duration.ofSeconds(30)).until(() -> first.equals(single("SELECT assignee FROM routed_ticket WHERE ticket_id = ?",
                ticket)));

        publish(ticket, new io.tierdesk.events.ticket.TicketAwaitingCustomer(ticket, first, "Which model?", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> loads(run).getOrDefault(first, 0) == 0);

        publish(ticket, new io.tierdesk.events.ticket.CustomerMessageReceived(ticket, UUID.randomUUID(), Channel.EMAIL,
                "Model X", List.of(), Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> loads(run).getOrDefault(first, 0) == 1);

        // Resolved, then the agent leaves: a reopened ticket goes to whoever is online.
        publish(ticket, new TicketResolved(ticket, first, "firmware", null, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> loads(run).getOrDefault(first, 0) == 0);
        given().header("Authorization", TestTokens.bearer(first, "agent")).contentType("application/json")
                .body("{\"presence\":\"offline\"}").post("/api/v1/agents/" + first + "/presence").then().statusCode(200);
        String second = "second-" + run;
        register(second, skill);
        publish(ticket, new io.tierdesk.events.ticket.TicketReopened(ticket, "still broken", "customer", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> second.equals(single("SELECT assignee FROM routed_ticket WHERE ticket_id = ? "
                + "AND state = 'assigned'", ticket)));
    }

    private Map<String, Integer> loads(String run) throws Exception {
        Map<String, Integer> load = new HashMap<>();
        try (Connection c = TierdeskInfra.connect(database); PreparedStatement q = c.prepareStatement(
                "SELECT assignee, count(*) FROM routed_ticket WHERE state = 'assigned' AND skill LIKE ? GROUP BY assignee")) {
            q.setString(1, "%-" + run);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    load.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return load;
    }

    @Test
    void aFreedAgentFindsTheTicketOfTheirSkillBehindMoreThanTwoHundredTheyCannotTake() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String crowd = "crowd-" + run;
        String rare = "rare-" + run;
        List<UUID> crowded = new ArrayList<>();
        for (int i = 0; i < 210; i++) {
            crowded.add(open(crowd, Urgency.HIGH));
        }
        UUID mine = open(rare, Urgency.LOW);
        await().atMost(Duration.ofSeconds(120)).until(() -> count("SELECT count(*) FROM routed_ticket WHERE "
                + "state = 'queued' AND skill IN (?, ?)", crowd, rare) == 211);
        String agent = "rare-agent-" + run;
        register(agent, rare);
        await().atMost(Duration.ofSeconds(30)).until(() -> agent.equals(single("SELECT assignee FROM routed_ticket "
                + "WHERE ticket_id = ?", mine)));
        // The crowd leaves L1's queue again, so that other tests' queues are not two hundred tickets longer.
        crowded.forEach(ticket -> publish(ticket, new io.tierdesk.events.ticket.TicketClosed(ticket,
                io.tierdesk.events.ticket.CloseReason.AGENT, "cleanup", Instant.now())));
        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT count(*) FROM routed_ticket WHERE "
                + "state = 'queued' AND skill = ?", crowd) == 0);
    }

    @Test
    void theSweepGivesAWaitingTicketToAFreeAgentWhenNothingElseWouldWakeThem() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String skill = "sweep-" + run;
        String agent = "sweeper-" + run;
        register(agent, skill);
        // Queued behind the router's back (as after a lost wake-up): no event will ever name this ticket again.
        UUID ticket = UUID.randomUUID();
        try (Connection c = TierdeskInfra.connect(database);
             java.sql.PreparedStatement insert = c.prepareStatement("INSERT INTO routed_ticket (ticket_id, plan, "
                     + "category, skill, impact, urgency, priority, tier, state, queued_at, opened_at) VALUES (?, "
                     + "'warranty', ?, ?, 'medium', 'medium', 'P3', 'L1', 'queued', now(), now())")) {
            insert.setObject(1, ticket);
            insert.setString(2, skill);
            insert.setString(3, skill);
            insert.executeUpdate();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> agent.equals(single("SELECT assignee FROM routed_ticket "
                + "WHERE ticket_id = ?", ticket)));
    }

    private UUID firstTicketOf(String agent) throws Exception {
        return UUID.fromString(single("SELECT CAST(ticket_id AS text) FROM routed_ticket WHERE assignee = ? "
                + "AND state = 'assigned' ORDER BY ticket_id LIMIT 1", agent));
    }

    private long count(String sql, Object... parameters) throws Exception {
        return TestDb.number(database, sql, parameters);
    }

    /** The first column of the first row, or null when there is none yet. */
    private String single(String sql, Object... parameters) throws Exception {
        return TestDb.text(database, sql, parameters);
    }
}
