package io.tierdesk.sla.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tierdesk.eventing.config.EventingConfig;
import io.tierdesk.testsupport.TestMetrics;
import io.tierdesk.testsupport.TestDb;
import io.tierdesk.testsupport.TestEvents;
import io.tierdesk.testsupport.TestKafka;
import io.tierdesk.testsupport.TierdeskInfra;
import io.tierdesk.events.EventCatalog;
import io.tierdesk.events.KafkaBinding;
import io.tierdesk.events.Topics;
import io.tierdesk.events.routing.Priority;
import io.tierdesk.events.routing.Tier;
import io.tierdesk.events.routing.TicketTriaged;
import io.tierdesk.events.routing.TicketEscalated;
import io.tierdesk.events.routing.VendorCase;
import io.tierdesk.events.routing.VisitPlace;
import io.tierdesk.events.routing.VisitScheduled;
import io.tierdesk.events.routing.VendorUpdateRecorded;
import io.tierdesk.events.sla.SlaBreached;
import io.tierdesk.events.sla.SlaClockResumed;
import io.tierdesk.events.sla.SlaEvent;
import io.tierdesk.events.ticket.CustomerMessageReceived;
import io.tierdesk.events.ticket.SupportPlan;
import io.tierdesk.events.ticket.TicketAwaitingCustomer;
import io.tierdesk.events.ticket.TicketOpened;
import io.tierdesk.events.ticket.Urgency;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The clocks end to end: ticket and routing events in over the broker, SLA events out over the broker, time moved by
 * the test. Premium is on 24x7, so every due time here is plain arithmetic.
 */
@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class SlaClocksTest {
    @Inject
    EventingConfig eventing;
    @Inject
    TestClock clock;
    @ConfigProperty(name = "tierdesk.db.name")
    String database;

    private void publish(String topic, UUID ticket, Object event) {
        TestEvents.publish(eventing.topic(topic), "/test", ticket, event, UUID.randomUUID(), clock.instant());
    }

    /** The other topic's order is not guaranteed: what depends on the triage is sent once it is stored. */
    private void awaitStored(UUID ticket) {
        await().atMost(Duration.ofSeconds(30)).until(() -> TestDb.number(database,
                "SELECT count(*) FROM sla_ticket WHERE ticket_id = ?", ticket) == 1);
    }

    /** Routing's P1 triage first, then, once it is stored, the opening under {@code plan} at {@code openedAt}. */
    private void openTriagedP1(UUID ticket, Tier tier, SupportPlan plan, Instant openedAt) {
        publish(Topics.ROUTING, ticket, new TicketTriaged(ticket, "high", "high", Priority.P1, "router", "router",
                tier, "policy", openedAt));
        awaitStored(ticket);
        TicketOpened sample = TestEvents.opened(ticket, "router", Urgency.HIGH, plan);
        publish(Topics.TICKETS, ticket, new TicketOpened(ticket, sample.number(), sample.channel(), sample.customer(),
                plan, sample.subject(), sample.body(), sample.diagnostics(), sample.statedUrgency(), null, List.of(),
                null, openedAt));
    }

    /** The ticket's SLA events on the topic once {@code enough} says so, decoded, in order. */
    private List<SlaEvent> slaEvents(UUID ticket, java.util.function.Predicate<List<SlaEvent>> enough) {
        return TestKafka.read(eventing.topic(Topics.SLA), r -> ticket.toString().equals(r.key()),
                found -> enough.test(found.stream().map(SlaClocksTest::decode).toList()), Duration.ofSeconds(30))
                .stream().map(SlaClocksTest::decode).toList();
    }

    private static SlaEvent decode(ConsumerRecord<String, byte[]> record) {
        return (SlaEvent) EventCatalog.decode(TestKafka.header(record, KafkaBinding.TYPE), record.value());
    }

    private static List<String> kinds(List<SlaEvent> events) {
        return events.stream().map(e -> e.getClass().getSimpleName() + " " + e.clock()).toList();
    }

    @Test
    void aPremiumP1TicketWarnsAndBreachesOnceEachAtItsMomentsWithTheTriageArrivingFirst() throws Exception {
        UUID ticket = UUID.randomUUID();
        Instant openedAt = clock.instant().minus(Duration.ofMinutes(12));
        openTriagedP1(ticket, Tier.L1, SupportPlan.PREMIUM, openedAt);
        // First response: 15 min, warned at 0.75 (11 min 15 s: already past), breached at 15 min.
        List<SlaEvent> early = slaEvents(ticket, found -> found.size() >= 3);
        assertThat(kinds(early)).containsExactly("SlaClockStarted first-response", "SlaClockStarted resolution",
                "SlaWarningReached first-response");
        assertThat(early.get(0).dueAt()).isEqualTo(openedAt.plus(Duration.ofMinutes(15)));
        assertThat(early.get(0).terms().priority()).isEqualTo("P1");

        clock.advance(Duration.ofMinutes(4));
        slaEvents(ticket, found -> found.size() >= 4);
        // Rounds of the timers after the breach: a second announcement, if any, would be out by now.
        TestMetrics.awaitRuns(SlaTimers.JOB, 3);
        List<SlaEvent> later = slaEvents(ticket, found -> found.size() >= 4);
        assertThat(kinds(later)).containsExactly("SlaClockStarted first-response", "SlaClockStarted resolution",
                "SlaWarningReached first-response", "SlaBreached first-response");
        SlaBreached breach = (SlaBreached) later.get(3);
        assertThat(breach.dueAt()).isEqualTo(openedAt.plus(Duration.ofMinutes(15)));
        assertThat(breach.at()).isAfterOrEqualTo(breach.dueAt());
        assertThat(TestMetrics.sum("tierdesk_sla_announced_total", "kind=breach"))
                .isGreaterThanOrEqualTo(1);
        assertThat(TestMetrics.sum("tierdesk_sla_firing_delay_seconds_count"))
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void aTicketWaitingForTheCustomerDoesNotBreachAndItsDueTimeMovesByThePause() {
        UUID ticket = UUID.randomUUID();
        Instant openedAt = clock.instant();
        openTriagedP1(ticket, Tier.L1, SupportPlan.PREMIUM, openedAt);
        publish(Topics.TICKETS, ticket, new TicketAwaitingCustomer(ticket, "anna", "Which firmware?",
                openedAt.plus(Duration.ofMinutes(10))));
        slaEvents(ticket, found -> kinds(found).contains("SlaClockPaused resolution"));

        clock.advance(Duration.ofHours(5));
        Instant answeredAt = clock.instant();
        publish(Topics.TICKETS, ticket, new CustomerMessageReceived(ticket, UUID.randomUUID(),
                io.tierdesk.events.ticket.Channel.EMAIL, "2.4.1", List.of(), answeredAt));
        List<SlaEvent> events = slaEvents(ticket, found -> kinds(found).contains("SlaClockResumed resolution"));
        assertThat(kinds(events)).doesNotContain("SlaBreached resolution", "SlaWarningReached resolution");
        SlaClockResumed resumed = (SlaClockResumed) events.stream().filter(e -> e instanceof SlaClockResumed)
                .findFirst().orElseThrow();
        // 10 minutes of the 4 hours were used before the question.
        assertThat(resumed.dueAt()).isEqualTo(answeredAt.plus(Duration.ofHours(4)).minus(Duration.ofMinutes(10)));
        assertThat(kinds(events)).contains("SlaMet first-response");
    }

    /**
     * One burst, most likely one poll: a ticket's opening, its question to the customer and the answer, beside
     * another ticket's opening. Each fact is decided on the state the one before it left, not on the stored row.
     */
    @Test
    void aPollWithSeveralFactsOfOneTicketDecidesEachOnTheStateTheFactBeforeLeft() throws Exception {
        UUID ticket = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        Instant openedAt = clock.instant();
        TestEvents.publishAll(eventing.topic(Topics.TICKETS), "/test", List.<Map.Entry<UUID, Object>>of(
                Map.entry(ticket, opening(ticket, openedAt)), Map.entry(other, opening(other, openedAt)),
                Map.entry(ticket, new TicketAwaitingCustomer(ticket, "anna", "Which firmware?",
                        openedAt.plus(Duration.ofMinutes(1)))),
                Map.entry(ticket, new CustomerMessageReceived(ticket, UUID.randomUUID(),
                        io.tierdesk.events.ticket.Channel.EMAIL, "2.4.1", List.of(),
                        openedAt.plus(Duration.ofMinutes(21))))));
        List<SlaEvent> events = slaEvents(ticket, found -> kinds(found).contains("SlaClockResumed resolution"));
        assertThat(kinds(events)).containsSubsequence("SlaClockStarted resolution", "SlaClockPaused resolution",
                "SlaClockResumed resolution").contains("SlaMet first-response");
        Instant started = events.stream().filter(e -> e instanceof io.tierdesk.events.sla.SlaClockStarted s
                && s.clock().equals("resolution")).findFirst().orElseThrow().dueAt();
        SlaClockResumed resumed = (SlaClockResumed) events.stream().filter(e -> e instanceof SlaClockResumed)
                .findFirst().orElseThrow();
        // Premium counts on 24x7: the twenty minutes waiting for the customer move the due time by as much.
        assertThat(resumed.dueAt()).isEqualTo(started.plus(Duration.ofMinutes(20)));
        assertThat(TestDb.number(database, "SELECT stream_version FROM sla_ticket WHERE ticket_id = ?", ticket))
                .isEqualTo(events.size());
        assertThat(kinds(slaEvents(other, found -> found.size() >= 2)))
                .containsExactly("SlaClockStarted first-response", "SlaClockStarted resolution");
    }

    private static TicketOpened opening(UUID ticket, Instant openedAt) {
        TicketOpened sample = TestEvents.opened(ticket, "router", Urgency.HIGH, SupportPlan.PREMIUM);
        return new TicketOpened(ticket, sample.number(), sample.channel(), sample.customer(), SupportPlan.PREMIUM,
                sample.subject(), sample.body(), sample.diagnostics(), sample.statedUrgency(), null, List.of(), null,
                openedAt);
    }

    @Test
    void theTicketsClocksAndTheAtRiskListShowWhereTimeStands() {
        UUID ticket = UUID.randomUUID();
        Instant openedAt = clock.instant().minus(Duration.ofMinutes(12));
        openTriagedP1(ticket, Tier.L2, SupportPlan.PREMIUM, openedAt);
        slaEvents(ticket, found -> found.size() >= 3);

        io.tierdesk.testsupport.TestApi.as("anna", "agent").get("/api/v1/tickets/" + ticket + "/sla").then()
                .statusCode(200).body("plan", org.hamcrest.Matchers.equalTo("premium"))
                .body("priority", org.hamcrest.Matchers.equalTo("P1"))
                .body("calendar", org.hamcrest.Matchers.equalTo("24x7"))
                .body("clocks.clock", org.hamcrest.Matchers.contains("first-response", "resolution"))
                .body("clocks[0].state", org.hamcrest.Matchers.equalTo("running"))
                .body("clocks[0].dueAt", org.hamcrest.Matchers.equalTo(openedAt.plus(Duration.ofMinutes(15))
                        .toString()))
                .body("clocks[0].warnedAt.size()", org.hamcrest.Matchers.equalTo(1))
                .body("clocks[1].target", org.hamcrest.Matchers.equalTo("PT4H"));
        io.tierdesk.testsupport.TestApi.as("sam", "supervisor")
                .get("/api/v1/sla/at-risk?within=PT5M&tier=L2&limit=1000").then().statusCode(200)
                .body("findAll { it.ticketId == '" + ticket + "' }.clock",
                        org.hamcrest.Matchers.contains("first-response"));
        io.tierdesk.testsupport.TestApi.as("sam", "supervisor")
                .get("/api/v1/sla/at-risk?within=PT5M&tier=L1&limit=1000").then().statusCode(200)
                .body("ticketId", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(ticket.toString())));
        io.tierdesk.testsupport.TestApi.as("sam", "supervisor").get("/api/v1/sla/at-risk?within=soon")
                .then().statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItem("within"));
        io.tierdesk.testsupport.TestApi.as("anna", "agent").get("/api/v1/tickets/" + UUID.randomUUID() + "/sla")
                .then().statusCode(404);
    }

    @Test
    void aHolidayAddedToACalendarRetimesTheRunningClocksOnItAndSaysSo() throws Exception {
        String calendar = "retime-" + UUID.randomUUID().toString().substring(0, 8);
        alwaysInUtc(calendar, "");
        UUID ticket = UUID.randomUUID();
        Instant openedAt = clock.instant();
        openTriagedP1(ticket, Tier.L1, SupportPlan.POST_WARRANTY, openedAt);
        assertThat(slaEvents(ticket, found -> !found.isEmpty()).get(0).dueAt())
                .isEqualTo(openedAt.plus(Duration.ofHours(10)));

        java.time.LocalDate today = java.time.LocalDate.ofInstant(openedAt, java.time.ZoneOffset.UTC);
        alwaysInUtc(calendar, "{\"date\": \"" + today + "\", \"name\": \"closed today\"}")
                .body("version", org.hamcrest.Matchers.equalTo(2));
        List<SlaEvent> events = slaEvents(ticket, found -> kinds(found).contains("SlaClockRetimed resolution"));
        io.tierdesk.events.sla.SlaClockRetimed retimed = (io.tierdesk.events.sla.SlaClockRetimed) events.get(
                kinds(events).indexOf("SlaClockRetimed resolution"));
        assertThat(retimed.previousDueAt()).isEqualTo(openedAt.plus(Duration.ofHours(10)));
        assertThat(retimed.dueAt()).isEqualTo(today.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                .plus(Duration.ofHours(10)));
        assertThat(retimed.terms().calendarVersion()).isEqualTo(2L);
        assertThat(TestDb.text(database, "SELECT to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI') FROM "
                + "sla_timer WHERE ticket_id = ? AND clock = 'resolution' AND threshold = 1", ticket))
                .as("the breach's timer moved with it").isEqualTo(retimed.dueAt().toString().substring(0, 16));
    }

    /**
     * A calendar change over 2,000 running tickets commits its version at once and re-times them in batches of
     * their own transactions (it once re-timed every ticket in its own transaction). One ticket cannot be re-timed
     * for a while: the others are re-timed and their events published, and another ticket's warning fires, while it
     * is still to do; it is re-timed once it can be.
     */
    @Test
    void aCalendarChangeOverThousandsOfTicketsCommitsAtOnceAndRetimesInBatchesWhileTheRestGoesOn() throws Exception {
        String calendar = "bulk-" + UUID.randomUUID().toString().substring(0, 8);
        alwaysInUtc(calendar, "");
        UUID first = UUID.randomUUID();
        Instant openedAt = clock.instant();
        openTriagedP1(first, Tier.L1, SupportPlan.POST_WARRANTY, openedAt);
        slaEvents(first, found -> !found.isEmpty());
        // 1,999 more like it, written straight into the projection: the re-timing reads nothing else.
        try (var connection = TierdeskInfra.connect(database); var statement = connection.createStatement()) {
            statement.execute("""
                    INSERT INTO sla_ticket (ticket_id, state, stream_version, tier, updated_at, timers_calendar_version)
                    SELECT g.id, jsonb_set(s.state, '{ticketId}', to_jsonb(CAST(g.id AS text))), 0, s.tier,
                        s.updated_at, s.timers_calendar_version
                    FROM sla_ticket s, (SELECT gen_random_uuid() AS id FROM generate_series(1, 1999)) AS g
                    WHERE s.ticket_id = '%s';
                    INSERT INTO sla_timer (ticket_id, clock, threshold, due_at)
                    SELECT c.ticket_id, t.clock, t.threshold, t.due_at FROM sla_timer t, sla_ticket c
                    WHERE t.ticket_id = '%s' AND c.state -> 'policy' ->> 'calendar' = '%s'
                      AND c.ticket_id <> t.ticket_id""".formatted(first, first, calendar));
        }
        UUID warned = UUID.randomUUID();
        openTriagedP1(warned, Tier.L1, SupportPlan.PREMIUM, clock.instant().minus(Duration.ofMinutes(10)));
        slaEvents(warned, found -> found.size() >= 2);

        // One ticket cannot be re-timed for now (a trigger refuses it): it must hold up no other.
        sql("""
                CREATE OR REPLACE FUNCTION refuse_retime() RETURNS trigger AS $$
                BEGIN
                    IF NEW.ticket_id = '%s' AND NEW.timers_calendar_version IS DISTINCT FROM OLD.timers_calendar_version
                    THEN RAISE EXCEPTION 'not now'; END IF;
                    RETURN NEW;
                END $$ LANGUAGE plpgsql;
                CREATE TRIGGER refuse_retime BEFORE UPDATE ON sla_ticket FOR EACH ROW
                    EXECUTE FUNCTION refuse_retime()""".formatted(first));
        try {
            java.time.LocalDate today = java.time.LocalDate.ofInstant(openedAt, java.time.ZoneOffset.UTC);
            alwaysInUtc(calendar, "{\"date\": \"" + today + "\", \"name\": \"closed today\"}")
                    .body("version", org.hamcrest.Matchers.equalTo(2));
            // Everything but the held ticket is re-timed, each batch in a transaction of its own.
            await().atMost(Duration.ofSeconds(60)).until(() -> TestDb.number(database, """
                    SELECT count(*) FROM sla_ticket WHERE state -> 'policy' ->> 'calendar' = ?
                      AND timers_calendar_version = 2""", calendar) == 1999);
            assertThat(TestDb.number(database, """
                    SELECT count(DISTINCT CAST(CAST(xmin AS text) AS bigint)) FROM sla_ticket
                    WHERE state -> 'policy' ->> 'calendar' = ? AND timers_calendar_version = 2""", calendar))
                    .as("batches of at most 200 tickets").isGreaterThanOrEqualTo(10);
            await().atMost(Duration.ofSeconds(30)).until(() -> TestMetrics.sum(
                    "tierdesk_sla_calendar_retime_pending") == 1);
            // The relay publishes what the batches decided while the change is still under way.
            UUID sample = UUID.fromString(TestDb.text(database, """
                    SELECT CAST(ticket_id AS text) FROM sla_ticket WHERE state -> 'policy' ->> 'calendar' = ?
                      AND timers_calendar_version = 2 LIMIT 1""", calendar));
            assertThat(kinds(slaEvents(sample, found -> !found.isEmpty()))).containsExactly("SlaClockRetimed resolution");
            // And a warning falls due and goes out meanwhile.
            clock.advance(Duration.ofMinutes(2));
            assertThat(kinds(slaEvents(warned, found -> kinds(found).contains("SlaWarningReached first-response"))))
                    .contains("SlaWarningReached first-response");
        } finally {
            sql("DROP TRIGGER refuse_retime ON sla_ticket");
        }
        List<SlaEvent> events = slaEvents(first, found -> kinds(found).contains("SlaClockRetimed resolution"));
        assertThat(kinds(events)).contains("SlaClockRetimed resolution");
        await().atMost(Duration.ofSeconds(30)).until(() -> TestMetrics.sum(
                "tierdesk_sla_calendar_retime_pending") == 0
                && TestDb.number(database, "SELECT count(*) FROM calendar_retime WHERE calendar_id = ?", calendar) == 0);
    }

    /**
     * Saves a calendar that is open around the clock in UTC but for the holidays given (JSON objects), and, on its
     * first version, puts post-warranty's P1 resolution of ten hours on it.
     */
    private static io.restassured.response.ValidatableResponse alwaysInUtc(String calendar, String holidays) {
        String days = String.join(", ", java.util.stream.Stream.of("mon", "tue", "wed", "thu", "fri", "sat", "sun")
                .map(d -> "\"" + d + "\": [{\"from\": \"00:00\", \"to\": \"24:00\"}]").toList());
        var saved = io.tierdesk.testsupport.TestApi.as("sam", "supervisor").body("{\"name\": \"Always, in UTC\", "
                        + "\"zone\": \"UTC\", \"week\": {" + days + "}, \"holidays\": [" + holidays + "]}")
                .put("/api/v1/calendars/" + calendar).then().statusCode(200);
        if (holidays.isEmpty()) {
            io.tierdesk.testsupport.TestApi.as("sam", "supervisor").body("""
                    {"calendar": "%s", "warnings": [], "targets": {"P1": {"resolution": "PT10H"}}}""".formatted(calendar))
                    .put("/api/v1/policies/post-warranty").then().statusCode(200);
        }
        return saved;
    }

    private void sql(String statements) throws Exception {
        try (var connection = TierdeskInfra.connect(database); var statement = connection.createStatement()) {
            statement.execute(statements);
        }
    }

    @Test
    void aVendorClockWarnsAndBreachesOnItsAgreementWhileTheCustomersKeepsRunningAndTheReportCountsTheVendor() {
        UUID ticket = UUID.randomUUID();
        String vendor = "hp-" + ticket.toString().substring(0, 6);
        Instant openedAt = clock.instant();
        openTriagedP1(ticket, Tier.L1, SupportPlan.PREMIUM, openedAt);
        slaEvents(ticket, found -> kinds(found).contains("SlaClockStarted resolution"));
        Instant escalatedAt = openedAt.plus(Duration.ofMinutes(1));
        // The router cannot know sla-monitor's calendars: one that does not exist counts around the clock.
        publish(Topics.ROUTING, ticket, new TicketEscalated(ticket, Tier.L1, Tier.L4, "manufacturer defect", null,
                "boss", escalatedAt, new VendorCase(vendor, "HP", "HP-77",
                        new VendorCase.Agreement("PT30M", "PT2H", "no-such-calendar"))));
        List<SlaEvent> started = slaEvents(ticket, found -> kinds(found).contains("SlaClockStarted vendor-resolution"));
        SlaEvent response = started.stream().filter(e -> "vendor-response".equals(e.clock())).findFirst().orElseThrow();
        assertThat(response.dueAt()).isEqualTo(escalatedAt.plus(Duration.ofMinutes(30)));
        assertThat(response.terms().calendar()).isEqualTo("24x7");

        clock.advance(Duration.ofMinutes(35));
        List<SlaEvent> breached = slaEvents(ticket, found -> kinds(found).contains("SlaBreached vendor-response"));
        assertThat(kinds(breached)).containsSubsequence("SlaWarningReached vendor-response",
                "SlaBreached vendor-response");
        assertThat(kinds(breached)).doesNotContain("SlaBreached resolution", "SlaBreached vendor-resolution");
        io.tierdesk.testsupport.TestApi.as("anna", "agent").get("/api/v1/tickets/" + ticket + "/sla").then()
                .statusCode(200).body("vendor.vendorId", org.hamcrest.Matchers.equalTo(vendor))
                .body("clocks.find { it.clock == 'resolution' }.state", org.hamcrest.Matchers.equalTo("running"))
                .body("clocks.find { it.clock == 'vendor-response' }.state", org.hamcrest.Matchers.equalTo("breached"));

        Instant fixedAt = clock.instant();
        publish(Topics.ROUTING, ticket, new VendorUpdateRecorded(ticket, vendor, "HP-77", "Fuser replaced", true,
                "anna", fixedAt));
        List<SlaEvent> fixed = slaEvents(ticket, found -> kinds(found).contains("SlaMet vendor-resolution"));
        assertThat(kinds(fixed)).as("a breached clock is not met afterwards").doesNotContain("SlaMet vendor-response");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> io.tierdesk.testsupport.TestApi.as("sam",
                        "supervisor").accept("application/json").get("/api/v1/reports/quality?from=" + openedAt
                        + "&to=" + clock.instant().plusSeconds(60)).then().statusCode(200)
                .body("vendors.find { it.vendor == '" + vendor + "' }.cases", org.hamcrest.Matchers.equalTo(1))
                .body("vendors.find { it.vendor == '" + vendor + "' }.answered", org.hamcrest.Matchers.equalTo(1))
                .body("vendors.find { it.vendor == '" + vendor + "' }.resolved", org.hamcrest.Matchers.equalTo(1))
                .body("vendors.find { it.vendor == '" + vendor + "' }.responseBreaches",
                        org.hamcrest.Matchers.equalTo(1))
                .body("vendors.find { it.vendor == '" + vendor + "' }.resolutionBreaches",
                        org.hamcrest.Matchers.equalTo(0)));
        String resolutionP50 = io.tierdesk.testsupport.TestApi.as("sam", "supervisor").accept("application/json")
                .get("/api/v1/reports/quality?from=" + openedAt + "&to=" + clock.instant().plusSeconds(60))
                .then().extract().path("vendors.find { it.vendor == '" + vendor + "' }.resolutionP50");
        assertThat(Duration.between(escalatedAt, fixedAt).minus(Duration.parse(resolutionP50)).abs())
                .as("from the escalation to the vendor's fix").isLessThan(Duration.ofMillis(2));
    }

    @Test
    void aPremiumOnSiteVisitNotBegunWithinThePlansTargetBreachesTheOnSiteClock() {
        UUID ticket = UUID.randomUUID();
        Instant openedAt = clock.instant();
        openTriagedP1(ticket, Tier.L1, SupportPlan.PREMIUM, openedAt);
        slaEvents(ticket, found -> kinds(found).contains("SlaClockStarted resolution"));
        Instant bookedAt = openedAt.plus(Duration.ofMinutes(5));
        publish(Topics.ROUTING, ticket, new VisitScheduled(ticket, UUID.randomUUID(), VisitPlace.ON_SITE, "eng",
                bookedAt.plus(Duration.ofHours(5)), bookedAt.plus(Duration.ofHours(7)), "Tverskaya 1", "boss",
                bookedAt));
        SlaEvent started = slaEvents(ticket, found -> kinds(found).contains("SlaClockStarted on-site")).stream()
                .filter(e -> "on-site".equals(e.clock())).findFirst().orElseThrow();
        // Premium, P1: an engineer within 4 hours of the booking (the policy's second version, round the clock).
        assertThat(started.dueAt()).isEqualTo(bookedAt.plus(Duration.ofHours(4)));
        assertThat(started.terms().policyVersion()).isGreaterThanOrEqualTo(2L);

        clock.advance(Duration.ofHours(4).plus(Duration.ofMinutes(10)));
        List<SlaEvent> breached = slaEvents(ticket, found -> kinds(found).contains("SlaBreached on-site"));
        assertThat(kinds(breached)).containsSubsequence("SlaWarningReached on-site", "SlaBreached on-site");
    }
}
