package io.tierdesk.intake.api;

import io.tierdesk.testsupport.TestApi;
import io.tierdesk.testsupport.TestEvents;
import io.tierdesk.testsupport.TestMetrics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.tierdesk.eventing.config.EventingConfig;
import io.tierdesk.testsupport.TierdeskInfra;
import io.tierdesk.events.Topics;
import io.tierdesk.events.knowledge.SolutionsSuggested;
import io.tierdesk.events.knowledge.SuggestedArticle;
import io.tierdesk.events.routing.Priority;
import io.tierdesk.events.routing.SupervisorAlerted;
import io.tierdesk.events.routing.Tier;
import io.tierdesk.events.routing.TicketAssigned;
import io.tierdesk.events.routing.TicketEscalated;
import io.tierdesk.events.routing.TicketTriaged;
import io.tierdesk.events.sla.SlaClockStarted;
import io.tierdesk.events.sla.SlaMet;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import io.tierdesk.rules.WorkRule;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The events escalation-router, sla-monitor and knowledge-service will publish, fed onto their topics as those
 * services would: the view and the journal take them in, whatever order they arrive in.
 */
@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class OtherServicesContractTest {
    @Inject
    EventingConfig eventing;
    /** The service's clock (other tests may have moved it): the other services' events are stamped by it too. */
    @Inject
    java.time.Clock clock;

    private static RequestSpecification agent(String name) {
        return TestApi.as(name, "agent");
    }

    private void publish(String topic, String source, UUID ticket, Object event) {
        TestEvents.publish(eventing.topic(topic), source, ticket, event, UUID.randomUUID(), clock.instant());
    }

    @Test
    void routingSlaAndKnowledgeEventsShowUpInTheViewAndTheTimelineInOrder() {
        UUID ticket = UUID.fromString(Channel.postMessage("c-" + UUID.randomUUID(), "Server down", "Since 9:00", null)
                .statusCode(201).extract().path("ticketId"));
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant due = now.plus(Duration.ofHours(4));

        publish(Topics.ROUTING, "/escalation-router", ticket, new TicketTriaged(ticket, "high", "high", Priority.P2,
                "servers", "linux", Tier.L1, "policy", now));
        publish(Topics.ROUTING, "/escalation-router", ticket, new TicketAssigned(ticket, "alice", Tier.L1, "policy", now));
        publish(Topics.SLA, "/sla-monitor", ticket, new SlaClockStarted(ticket, "resolution", "warranty", due, now));
        publish(Topics.KNOWLEDGE, "/knowledge-service", ticket, new SolutionsSuggested(ticket,
                List.of(new SuggestedArticle(UUID.randomUUID(), "Restarting the web tier", 0.82)), now));
        publish(Topics.NOTIFICATIONS, "/notification-service", ticket, new io.tierdesk.events.notification
                .NotificationDelivered(ticket, UUID.randomUUID(), "customer.receipt", "customer", "c@example.org",
                "email", "ru", UUID.randomUUID().toString(), 1, now));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> agent("alice").get("/api/v1/tickets/" + ticket)
                .then().statusCode(200)
                .body("priority", equalTo("P2"))
                .body("tier", equalTo("L1"))
                .body("owner", equalTo("alice"))
                .body("assignee", equalTo("alice"))
                .body("sla.resolution.state", equalTo("running"))
                .body("slaDueAt", equalTo(due.toString()))
                .body("suggestedArticles[0].title", equalTo("Restarting the web tier")));

        publish(Topics.ROUTING, "/escalation-router", ticket, new SupervisorAlerted(ticket, Tier.L1, "sam", "alice",
                "alice", Priority.P2, "sla-breached", "resolution clock breached", now.plusSeconds(59)));
        publish(Topics.ROUTING, "/escalation-router", ticket, new TicketEscalated(ticket, Tier.L1, Tier.L2,
                "needs a Linux expert", null, "alice", now.plusSeconds(60)));
        publish(Topics.ROUTING, "/escalation-router", ticket, new TicketAssigned(ticket, "boris", Tier.L2, "policy",
                now.plusSeconds(61)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> agent("alice").get("/api/v1/tickets/" + ticket)
                .then().body("tier", equalTo("L2")).body("assignee", equalTo("boris"))
                .body("owner", equalTo("alice")));

        List<String> routingTypes = agent("alice").get("/api/v1/tickets/" + ticket + "/timeline").then().extract()
                .<List<String>>path("type").stream().filter(t -> t.startsWith("tierdesk.routing")).toList();
        assertThat(routingTypes).containsExactly("tierdesk.routing.triaged.v1", "tierdesk.routing.assigned.v1",
                "tierdesk.routing.supervisor-alerted.v1", "tierdesk.routing.escalated.v1", "tierdesk.routing.assigned.v1");
        // The notifications topic has a consumer of its own: nothing above waited for it.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> types = agent("alice").get("/api/v1/tickets/" + ticket + "/timeline").then().extract()
                    .path("type");
            assertThat(types.get(0)).isEqualTo("tierdesk.ticket.opened.v1");
            assertThat(types).contains("tierdesk.sla.clock-started.v1", "tierdesk.knowledge.solutions-suggested.v1",
                    "tierdesk.notification.delivered.v1");
        });
        assertThat(agent("alice").get("/api/v1/tickets/" + ticket + "/timeline").then().extract()
                .<String>path("find { it.type == 'tierdesk.notification.delivered.v1' }.data.kind"))
                .isEqualTo("customer.receipt");
    }

    /**
     * A poll of one ticket's clock events, as sla-monitor publishes a decision's events together: the view shows each
     * clock's last state and keeps the due time a later event did not name, and the poll is written as one (the
     * events folded per clock first) rather than failing and being applied again record by record.
     */
    @Test
    void aPollOfOneTicketsClockEventsShowsEachClocksLastStateWrittenTogether() {
        UUID ticket = UUID.fromString(Channel.postMessage("c-" + UUID.randomUUID(), "Mail is down", "Since 8:00", null)
                .statusCode(201).extract().path("ticketId"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> agent("alice").get("/api/v1/tickets/" + ticket)
                .then().statusCode(200));
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant firstDue = now.plus(Duration.ofMinutes(15));
        Instant resolutionDue = now.plus(Duration.ofHours(8));
        double fallbacks = TestMetrics.sum("tierdesk_inbox_batch_fallbacks_total", "consumer=ticket-view");
        double handled = TestMetrics.handled("ticket-view");
        TestEvents.publishAll(eventing.topic(Topics.SLA), "/sla-monitor", List.<Map.Entry<UUID, Object>>of(
                Map.entry(ticket, new SlaClockStarted(ticket, "first-response", "warranty", firstDue, now)),
                Map.entry(ticket, new SlaClockStarted(ticket, "resolution", "warranty", resolutionDue, now)),
                Map.entry(ticket, new SlaMet(ticket, "first-response", null, now.plusSeconds(30)))));
        TestMetrics.awaitHandled("ticket-view", handled, 3);

        io.restassured.path.json.JsonPath view = agent("alice").get("/api/v1/tickets/" + ticket).then()
                .statusCode(200).extract().jsonPath();
        assertThat(view.getString("sla.'first-response'.state")).isEqualTo("met");
        assertThat(view.getString("sla.'first-response'.policy")).isEqualTo("warranty");
        assertThat(java.time.OffsetDateTime.parse(view.getString("sla.'first-response'.dueAt")).toInstant())
                .isEqualTo(firstDue);
        assertThat(view.getString("sla.resolution.state")).isEqualTo("running");
        assertThat(java.time.OffsetDateTime.parse(view.getString("sla.resolution.dueAt")).toInstant())
                .isEqualTo(resolutionDue);
        assertThat(TestMetrics.sum("tierdesk_inbox_batch_fallbacks_total", "consumer=ticket-view"))
                .isEqualTo(fallbacks);
    }

    @Test
    void onceRoutingNamedTheOwnerOnlyOwnerAssigneeOrSupervisorWorkOnTheTicketOthersGet403NamingTheRule() {
        UUID ticket = UUID.fromString(Channel.postMessage("c-" + UUID.randomUUID(), "Mail", "Bounces", null)
                .statusCode(201).extract().path("ticketId"));
        String path = "/api/v1/tickets/" + ticket;
        publish(Topics.ROUTING, "/escalation-router", ticket, new TicketAssigned(ticket, "alice", Tier.L1, "policy",
                clock.instant()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> agent("alice").get(path)
                .then().body("owner", equalTo("alice")));

        Map<String, String> work = Map.of("/replies", "{\"body\":\"Hi!\"}", "/questions", "{\"question\":\"Which?\"}",
                "/resolution", "{\"solutionSummary\":\"Done\"}", "/closure", "");
        work.forEach((command, body) -> agent("mallory").body(body).post(path + command)
                .then().statusCode(403).contentType("application/problem+json")
                .body("errors.field", hasItem(WorkRule.NAME)));
        agent("mallory").body("{\"symptoms\":\"bounces\"}").put(path + "/diagnostics").then().statusCode(403)
                .body("errors.field", hasItem(WorkRule.NAME));

        // Nothing refused was appended: the stream is still at its opening version when the owner replies.
        agent("alice").body("{\"body\":\"Looking into it\"}").post(path + "/replies").then().statusCode(200)
                .body("version", equalTo(2));
        agent("mallory").body("{\"note\":\"seen this before\"}").post(path + "/notes").then().statusCode(200);
        TestApi.as("sam", "supervisor").body("{\"symptoms\":\"bounces\"}").put(path + "/diagnostics")
                .then().statusCode(200);
    }

    @Test
    void factsThatArriveBeforeTheTicketAreKept() {
        UUID early = UUID.randomUUID();
        publish(Topics.ROUTING, "/escalation-router", early, new TicketAssigned(early, "carol", Tier.L1, "policy",
                clock.instant()));
        // The routing fact is stored on its own; no ticket exists yet, so the view has nothing to show.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> agent("carol").get("/api/v1/tickets/" + early + "/timeline")
                .then().statusCode(200).body("size()", equalTo(1)));
        agent("carol").get("/api/v1/tickets/" + early).then().statusCode(404);
    }
}
