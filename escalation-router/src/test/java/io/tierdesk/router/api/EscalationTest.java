package io.tierdesk.router.api;

import io.tierdesk.events.ticket.CustomerMessageReceived;
import io.tierdesk.events.ticket.CloseReason;
import io.tierdesk.events.ticket.TicketClosed;
import io.tierdesk.testsupport.TestDb;
import io.tierdesk.testsupport.TestEvents;
import static io.tierdesk.testsupport.TestApi.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tierdesk.eventing.config.EventingConfig;
import io.tierdesk.testsupport.TestKafka;
import io.tierdesk.testsupport.TestMetrics;
import io.tierdesk.testsupport.TierdeskInfra;
import io.tierdesk.events.KafkaBinding;
import io.tierdesk.events.Topics;
import io.tierdesk.events.EventJson;
import io.tierdesk.events.routing.SupervisorAlerted;
import io.tierdesk.events.routing.Tier;
import io.tierdesk.events.sla.SlaBreached;
import io.tierdesk.router.application.RoutingRepository;
import io.tierdesk.events.sla.SlaClockStarted;
import io.tierdesk.events.ticket.TicketResolved;
import io.tierdesk.events.ticket.Urgency;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class EscalationTest {
    @Inject
    EventingConfig eventing;
    @ConfigProperty(name = "tierdesk.db.name")
    String database;

    private void agent(String id, String tier, String skill) {
        as("sup", "supervisor").body("{\"tier\":\"" + tier + "\",\"capacity\":5,\"skills\":[\"" + skill + "\"],"
                        + "\"supervisor\":\"lead-of-" + id + "\"}")
                .put("/api/v1/agents/" + id).then().statusCode(200);
        as(id, "agent").body("{\"presence\":\"online\"}").post("/api/v1/agents/" + id + "/presence").then().statusCode(200);
    }

    private UUID openAssigned(String skill) throws Exception {
        UUID ticket = UUID.randomUUID();
        publish(Topics.TICKETS, ticket, TestEvents.opened(ticket, skill, Urgency.HIGH), UUID.randomUUID());
        await().atMost(Duration.ofSeconds(30)).until(() -> "assigned".equals(column(ticket, "state")));
        return ticket;
    }

    private void publish(String topic, UUID ticket, Object event, UUID eventId) {
        TestEvents.publish(eventing.topic(topic), "/test", ticket, event, eventId, Instant.now());
    }

    @Test
    void escalationMovesUpKeepsTheOwnerAndTheNewLineAssigns() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String skill = "db-" + run;
        agent("l1-" + run, "L1", skill);
        agent("l2-" + run, "L2", skill);
        UUID ticket = openAssigned(skill);
        assertThat(column(ticket, "assignee")).isEqualTo("l1-" + run);

        as("l1-" + run, "agent").body("{\"targetTier\":\"L2\",\"reason\":\"needs a DBA\",\"note\":\"replication lag\"}")
                .post("/api/v1/tickets/" + ticket + "/escalations").then().statusCode(200).body("tier", equalTo("L2"));
        assertThat(column(ticket, "tier")).isEqualTo("L2");
        assertThat(column(ticket, "assignee")).isEqualTo("l2-" + run);
        assertThat(column(ticket, "owner")).as("the L1 owner stays the customer's contact").isEqualTo("l1-" + run);
        assertThat(TestDb.text(database, "SELECT actor FROM event WHERE stream_id = ? AND type = ?", ticket.toString(),
                "tierdesk.routing.escalated.v1")).as("who escalated, in the event's metadata").isEqualTo("l1-" + run);

        as("l2-" + run, "agent").body("{\"note\":\"fixed the replica, customer can be told\"}")
                .post("/api/v1/tickets/" + ticket + "/returns").then().statusCode(200).body("tier", equalTo("L1"));
        assertThat(column(ticket, "assignee")).isEqualTo("l1-" + run);

        List<String> types = TestKafka.read(eventing.topic(Topics.ROUTING), r -> ticket.toString().equals(r.key()),
                        found -> found.size() >= 6, Duration.ofSeconds(30))
                .stream().map(r -> TestKafka.header(r, KafkaBinding.TYPE)).toList();
        assertThat(types).containsExactly("tierdesk.routing.triaged.v1", "tierdesk.routing.assigned.v1",
                "tierdesk.routing.escalated.v1", "tierdesk.routing.assigned.v1", "tierdesk.routing.returned.v1",
                "tierdesk.routing.assigned.v1");
    }

    @Test
    void anEscalationRepeatedWithItsIdempotencyKeyMovesOnceAndAnswersTheSameAndOthersMayNotMoveTheTicket()
            throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String skill = "idem-" + run;
        agent("l1-" + run, "L1", skill);
        UUID ticket = openAssigned(skill);
        String key = UUID.randomUUID().toString();
        String body = "{\"targetTier\":\"L2\",\"reason\":\"needs a DBA\"}";

        as("other-" + run, "agent").body(body).post("/api/v1/tickets/" + ticket + "/escalations").then()
                .statusCode(403).body("errors.field", hasItem(io.tierdesk.rules.WorkRule.NAME));
        for (String replayed : new String[] {null, "true"}) {
            as("l1-" + run, "agent").header(io.tierdesk.eventing.api.IdempotencyKeys.HEADER, key).body(body)
                    .post("/api/v1/tickets/" + ticket + "/escalations").then().statusCode(200)
                    .body("tier", equalTo("L2"))
                    .header(io.tierdesk.eventing.api.IdempotencyKeys.REPLAYED, equalTo(replayed));
        }
        assertThat(TestDb.number(database, "SELECT count(*) FROM event WHERE stream_id = ? AND type = ?",
                ticket.toString(), "tierdesk.routing.escalated.v1")).isEqualTo(1);
        // The same key for another move is refused, not replayed.
        as("l1-" + run, "agent").header(io.tierdesk.eventing.api.IdempotencyKeys.HEADER, key)
                .body("{\"targetTier\":\"L3\",\"reason\":\"needs a DBA\"}")
                .post("/api/v1/tickets/" + ticket + "/escalations").then().statusCode(422);
    }

    @Test
    void aNoteAboveItsMaximumIsRefusedNamingTheFieldAndAHugeOneIsRefusedBeforeItIsReadAndNothingMoves()
            throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String skill = "big-" + run;
        agent("l1-" + run, "L1", skill);
        UUID ticket = openAssigned(skill);

        as("l1-" + run, "agent").body(java.util.Map.of("targetTier", "L2", "reason", "r", "note", "n".repeat(10_001)))
                .post("/api/v1/tickets/" + ticket + "/escalations").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("note"));
        // 1.1 million Cyrillic characters: 2.2 MB, more than a record the broker takes.
        as("l1-" + run, "agent").body(java.util.Map.of("targetTier", "L2", "reason", "r", "note",
                        "ж".repeat(1_100_000)))
                .post("/api/v1/tickets/" + ticket + "/escalations").then().statusCode(413);
        as("boss", "supervisor").body(java.util.Map.of("name", "x".repeat(201), "tier", "L1", "capacity", 1))
                .put("/api/v1/agents/long-" + run).then().statusCode(400).body("errors.field", hasItem("name"));
        assertThat(column(ticket, "tier")).isEqualTo("L1");
    }

    @Test
    void skippingALineNeedsASupervisorAndNothingGoesDownByEscalation() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String skill = "net-" + run;
        agent("l1-" + run, "L1", skill);
        UUID ticket = openAssigned(skill);

        as("l1-" + run, "agent").body("{\"targetTier\":\"L3\",\"reason\":\"novel\"}")
                .post("/api/v1/tickets/" + ticket + "/escalations").then().statusCode(409)
                .contentType("application/problem+json").body("detail", org.hamcrest.Matchers.containsString("supervisor"));
        as("l1-" + run, "agent").body("{\"targetTier\":\"L1\",\"reason\":\"x\"}")
                .post("/api/v1/tickets/" + ticket + "/escalations").then().statusCode(409);
        as("l1-" + run, "agent").body("{\"targetTier\":\"L9\",\"reason\":\"x\"}")
                .post("/api/v1/tickets/" + ticket + "/escalations").then().statusCode(400)
                .body("errors.field", hasItem("targetTier"));
        as("l1-" + run, "agent").body("{}").post("/api/v1/tickets/" + ticket + "/returns").then().statusCode(409);
        as("boss", "supervisor").body("{\"targetTier\":\"L3\",\"reason\":\"novel\"}")
                .post("/api/v1/tickets/" + ticket + "/escalations").then().statusCode(200).body("tier", equalTo("L3"));
        assertThat(column(ticket, "state")).as("no L3 agent online: it waits").isEqualTo("queued");
        as("root", "admin").body("{\"name\":\"Vendor\",\"agreement\":{\"response\":\"PT4H\"}}")
                .put("/api/v1/vendors/v-" + run).then().statusCode(201);
        as("boss", "supervisor").body("{\"targetTier\":\"L4\",\"reason\":\"vendor\",\"vendor\":\"v-" + run
                        + "\",\"vendorCase\":\"C-1\"}")
                .post("/api/v1/tickets/" + UUID.randomUUID() + "/escalations").then().statusCode(404);
    }

    @Test
    void escalationsAndReturnsAtOnceInOppositeDirectionsAllGoThrough() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String skill = "mix-" + run;
        for (String agent : List.of("l1a-" + run, "l1b-" + run)) {
            agent(agent, "L1", skill);
        }
        for (String agent : List.of("l2a-" + run, "l2b-" + run)) {
            agent(agent, "L2", skill);
        }
        List<UUID> up = new java.util.ArrayList<>();
        List<UUID> down = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            UUID ticket = openAssigned(skill);
            if (i % 2 == 0) {
                up.add(ticket);
            } else {
                as("boss", "supervisor").body("{\"targetTier\":\"L2\",\"reason\":\"prepare\"}")
                        .post("/api/v1/tickets/" + ticket + "/escalations").then().statusCode(200);
                down.add(ticket);
            }
        }
        // Each move frees an agent on one line and assigns on the other: opposite moves need both lines at once.
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                UUID escalate = up.get(i);
                UUID giveBack = down.get(i);
                answers.add(pool.submit(() -> as("boss", "supervisor")
                        .body("{\"targetTier\":\"L2\",\"reason\":\"needs L2\"}")
                        .post("/api/v1/tickets/" + escalate + "/escalations").then().extract().statusCode()));
                answers.add(pool.submit(() -> as("boss", "supervisor").body("{\"note\":\"done at L2\"}")
                        .post("/api/v1/tickets/" + giveBack + "/returns").then().extract().statusCode()));
            }
            for (var answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }
        for (UUID ticket : up) {
            assertThat(column(ticket, "tier")).isEqualTo("L2");
        }
        for (UUID ticket : down) {
            assertThat(column(ticket, "tier")).isEqualTo("L1");
        }
    }

    @Test
    void aBreachDeliveredTwiceAlertsTheSupervisorAndEscalatesOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String skill = "erp-" + run;
        agent("l1-" + run, "L1", skill);
        UUID ticket = openAssigned(skill);

        UUID breachId = UUID.randomUUID();
        SlaBreached breach = new SlaBreached(ticket, "resolution", Instant.now(), Instant.now());
        double handled = TestMetrics.handled("router-sla");
        publish(Topics.SLA, ticket, breach, breachId);
        publish(Topics.SLA, ticket, breach, breachId);
        TestMetrics.awaitHandled("router-sla", handled, 2);
        assertThat(column(ticket, "tier")).isEqualTo("L2");
        List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> actions = TestKafka.read(
                eventing.topic(Topics.ROUTING), r -> ticket.toString().equals(r.key())
                        && List.of("tierdesk.routing.escalated.v1", "tierdesk.routing.supervisor-alerted.v1")
                                .contains(TestKafka.header(r, KafkaBinding.TYPE)),
                found -> false, Duration.ofSeconds(3));
        assertThat(actions).extracting(r -> TestKafka.header(r, KafkaBinding.TYPE))
                .as("the alert names who held the ticket when the clock ran out, so it comes first")
                .containsExactly("tierdesk.routing.supervisor-alerted.v1", "tierdesk.routing.escalated.v1");
        SupervisorAlerted alert = EventJson.read(actions.get(0).value(), SupervisorAlerted.class);
        assertThat(alert.supervisorId()).isEqualTo("lead-of-l1-" + run);
        assertThat(alert.assigneeId()).isEqualTo("l1-" + run);
        assertThat(alert.ownerId()).isEqualTo("l1-" + run);
        assertThat(alert.tier()).isEqualTo(Tier.L1);
        assertThat(alert.reason()).isEqualTo("sla-breached");
        assertThat(alert.detail()).contains("resolution");
    }

    @Test
    void aBreachOnAResolvedTicketChangesNothing() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String skill = "crm-" + run;
        agent("l1-" + run, "L1", skill);
        UUID ticket = openAssigned(skill);
        publish(Topics.TICKETS, ticket, new TicketResolved(ticket, "l1-" + run, "restarted", null, Instant.now()),
                UUID.randomUUID());
        await().atMost(Duration.ofSeconds(30)).until(() -> "inactive".equals(column(ticket, "state")));

        publish(Topics.SLA, ticket, new SlaBreached(ticket, "resolution", Instant.now(), Instant.now()),
                UUID.randomUUID());
        UUID marker = UUID.randomUUID();
        // A later event on the same key and partition: once it is applied, the breach was handled before it.
        publish(Topics.SLA, ticket, new SlaClockStarted(ticket, "marker", "warranty",
                Instant.parse("2030-01-01T00:00:00Z"), Instant.now()), marker);
        await().atMost(Duration.ofSeconds(30)).until(() -> "2030".equals(dueYear(ticket)));
        assertThat(column(ticket, "tier")).isEqualTo("L1");
        assertThat(TestKafka.read(eventing.topic(Topics.ROUTING), r -> ticket.toString().equals(r.key())
                        && !"tierdesk.routing.triaged.v1".equals(TestKafka.header(r, KafkaBinding.TYPE))
                        && !"tierdesk.routing.assigned.v1".equals(TestKafka.header(r, KafkaBinding.TYPE)),
                found -> false, Duration.ofSeconds(2))).isEmpty();
    }

    private String dueYear(UUID ticket) throws Exception {
        return TestDb.text(database, "SELECT CAST(extract(year FROM due_at AT TIME ZONE 'UTC') AS int) "
                + "FROM ticket_sla_due WHERE ticket_id = ?", ticket);
    }

    @Test
    void aManualAssignmentThatReadTheLineBeforeAnEscalationMovedTheTicketIsRefusedNotAppliedOnTheOldLine()
            throws Exception {
        Race race = assignedAtL1WithASecondAgent("race-", true);
        String run = race.run();
        UUID ticket = race.ticket();
        String assignee = race.assignee();
        String other = race.other();

        // Holding L1's lock lines both requests up behind it, in the order they arrive: the escalation first, then
        // the assignment, which has read the ticket's line (L1) before it waits.
        List<CompletableFuture<Response>> requests = new ArrayList<>();
        behindL1Lock(() -> {
            requests.add(queued(() -> as(assignee, "agent").body("{\"targetTier\":\"L2\",\"reason\":\"needs L2\"}")
                    .post("/api/v1/tickets/" + ticket + "/escalations"), 1));
            requests.add(queued(() -> as("boss", "supervisor").body("{\"agentId\":\"" + other + "\"}")
                    .post("/api/v1/tickets/" + ticket + "/assignment"), 2));
        });
        requests.get(0).get(30, TimeUnit.SECONDS).then().statusCode(200).body("tier", equalTo("L2"));
        requests.get(1).get(30, TimeUnit.SECONDS).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("moved to L2 meanwhile"));
        assertThat(column(ticket, "tier")).isEqualTo("L2");
        assertThat(column(ticket, "assignee")).isEqualTo("l2-" + run);
    }

    @Test
    void aManualAssignmentQueuedBehindACloseFindsTheTicketClosedAndAssignsNothing() throws Exception {
        Race race = assignedAtL1WithASecondAgent("close-race-", false);
        UUID ticket = race.ticket();
        String assignee = race.assignee();
        String other = race.other();

        // The close (a consumed TicketClosed) and then the assignment line up behind L1's lock in that order; the
        // assignment has read the ticket, still assigned, before it waits.
        List<CompletableFuture<Response>> assignment = new ArrayList<>();
        behindL1Lock(() -> {
            publish(Topics.TICKETS, ticket, new TicketClosed(ticket, CloseReason.AGENT, assignee, Instant.now()),
                    UUID.randomUUID());
            awaitWaitingForLocks(1);
            assignment.add(queued(() -> as("boss", "supervisor").body("{\"agentId\":\"" + other + "\"}")
                    .post("/api/v1/tickets/" + ticket + "/assignment"), 2));
        });
        assignment.get(0).get(30, TimeUnit.SECONDS).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("closed"));
        assertThat(column(ticket, "state")).isEqualTo("closed");
        assertThat(column(ticket, "assignee")).isEqualTo(assignee);
    }

    @Test
    void aCustomerAnswerQueuedBehindAManualAssignmentLeavesTheNewAssigneeInPlace() throws Exception {
        Race race = assignedAtL1WithASecondAgent("answer-race-", false);
        UUID ticket = race.ticket();
        String assignee = race.assignee();
        String other = race.other();
        publish(Topics.TICKETS, ticket, new TicketResolved(ticket, assignee, "restarted", null, Instant.now()),
                UUID.randomUUID());
        await().atMost(Duration.ofSeconds(30)).until(() -> "inactive".equals(column(ticket, "state")));

        // The supervisor's assignment and then the customer's answer line up behind L1's lock in that order; the
        // answer's handler has not read the ticket yet when the assignment lands.
        UUID answer = UUID.randomUUID();
        List<CompletableFuture<Response>> assignment = new ArrayList<>();
        behindL1Lock(() -> {
            assignment.add(queued(() -> as("boss", "supervisor").body("{\"agentId\":\"" + other + "\"}")
                    .post("/api/v1/tickets/" + ticket + "/assignment"), 1));
            publish(Topics.TICKETS, ticket, new CustomerMessageReceived(ticket, UUID.randomUUID(),
                    io.tierdesk.events.ticket.Channel.EMAIL, "still broken", List.of(), Instant.now()), answer);
            awaitWaitingForLocks(2);
        });
        assignment.get(0).get(30, TimeUnit.SECONDS).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> TestDb.number(database,
                "SELECT count(*) FROM processed_event WHERE consumer = 'router' AND event_id = ?",
                answer.toString()) == 1);
        assertThat(column(ticket, "assignee")).as("the supervisor's choice stands").isEqualTo(other);
        assertThat(column(ticket, "state")).isEqualTo("assigned");
    }

    @Test
    void goingOfflineWaitsForTheLinesAssignmentsInsteadOfSlippingBetweenTheirReadAndTheirWrite() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String agent = "offline-" + run;
        agent(agent, "L1", "leave-" + run);
        List<CompletableFuture<Response>> offline = new ArrayList<>();
        behindL1Lock(() -> {
            offline.add(queued(() -> as(agent, "agent").body("{\"presence\":\"offline\"}")
                    .post("/api/v1/agents/" + agent + "/presence"), 1));
            assertThat(offline.get(0)).as("waits for the line's lock").isNotDone();
        });
        offline.get(0).get(30, TimeUnit.SECONDS).then().statusCode(200);
        assertThat(TestDb.text(database, "SELECT presence FROM agent WHERE agent_id = ?", agent)).isEqualTo("offline");
    }

    /** A thread per request: the common pool may have a single thread on two cores, and a queued request blocks. */
    private static final ExecutorService REQUESTS = Executors.newCachedThreadPool();

    /** Work that may fail, run while the test holds a lock. */
    private interface LineUp {
        void run() throws Exception;
    }

    /**
     * Holds L1's assignment lock from a connection of the test's own while {@code lineUp} queues work behind it, in
     * the order the race needs, then releases it.
     */
    private void behindL1Lock(LineUp lineUp) throws Exception {
        try (Connection holder = TierdeskInfra.connect(database)) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("SELECT pg_advisory_xact_lock(" + RoutingRepository.lineLockKey(Tier.L1)
                    + ")");
            lineUp.run();
            holder.commit();
        }
    }

    /** Sends a request on its own thread and waits until it is the {@code waiting}-th to wait for a lock. */
    private CompletableFuture<Response> queued(java.util.function.Supplier<Response> request, int waiting)
            throws Exception {
        CompletableFuture<Response> response = CompletableFuture.supplyAsync(request, REQUESTS);
        awaitWaitingForLocks(waiting);
        return response;
    }

    private void awaitWaitingForLocks(int waiting) {
        await().atMost(Duration.ofSeconds(30)).until(() -> waitingForAdvisoryLocks() == waiting);
    }

    /** Two L1 agents of a fresh skill (and an L2 one, if asked), a ticket assigned to one of them, and the other. */
    private record Race(String run, UUID ticket, String assignee, String other) {
    }

    private Race assignedAtL1WithASecondAgent(String prefix, boolean withL2) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String skill = prefix + run;
        agent("l1a-" + run, "L1", skill);
        agent("l1b-" + run, "L1", skill);
        if (withL2) {
            agent("l2-" + run, "L2", skill);
        }
        UUID ticket = openAssigned(skill);
        String assignee = column(ticket, "assignee");
        return new Race(run, ticket, assignee, assignee.equals("l1a-" + run) ? "l1b-" + run : "l1a-" + run);
    }

    private int waitingForAdvisoryLocks() throws Exception {
        return (int) TestDb.number(database, "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                + "WHERE l.locktype = 'advisory' AND NOT l.granted AND a.datname = ?", database);
    }

    private String column(UUID ticket, String column) throws Exception {
        return TestDb.text(database, "SELECT " + column + " FROM routed_ticket WHERE ticket_id = ?", ticket);
    }
}
