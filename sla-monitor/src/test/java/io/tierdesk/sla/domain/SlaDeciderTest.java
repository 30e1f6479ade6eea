package io.tierdesk.sla.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierdesk.events.routing.Priority;
import io.tierdesk.events.sla.SlaBreached;
import io.tierdesk.events.sla.SlaClockPaused;
import io.tierdesk.events.sla.SlaClockResumed;
import io.tierdesk.events.sla.SlaClockRetimed;
import io.tierdesk.events.sla.SlaClockStarted;
import io.tierdesk.events.sla.SlaEvent;
import io.tierdesk.events.sla.SlaMet;
import io.tierdesk.events.sla.SlaWarningReached;
import io.tierdesk.sla.domain.BusinessCalendar.Holiday;
import io.tierdesk.sla.domain.SlaPolicy.Targets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Given facts about a ticket, when another fact (or time passes), then SLA events and clocks. */
class SlaDeciderTest {
    static final UUID TICKET = UUID.fromString("11111111-1111-4111-8111-111111111111");
    static final BusinessCalendar OFFICE = BusinessCalendarTest.office(BusinessCalendarTest.MOSCOW,
            BusinessCalendarTest.NINE_TO_SIX, List.of(), List.of());
    static final SlaPolicy WARRANTY = new SlaPolicy("warranty", 3, "office", Priority.P3, List.of(0.75, 0.5),
            Map.of(Priority.P1, new Targets(Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(4)),
                    Priority.P2, new Targets(Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(8)),
                    Priority.P3, new Targets(Duration.ofHours(4), Duration.ofHours(4), Duration.ofHours(16)),
                    Priority.P4, new Targets(null, null, Duration.ofHours(40))));

    static Instant t(String local) {
        return BusinessCalendarTest.at(BusinessCalendarTest.MOSCOW, local);
    }

    /** Facts in order; every decision taken at the fact's own time unless said otherwise. */
    static final class Run {
        SlaTicket ticket = SlaTicket.unseen(TICKET);
        BusinessCalendar calendar = OFFICE;
        SlaPolicy policy = WARRANTY;
        final List<SlaEvent> events = new ArrayList<>();

        Run given(TicketFact... facts) {
            for (TicketFact fact : facts) {
                when(fact, fact.at());
            }
            events.clear();
            return this;
        }

        List<SlaEvent> when(TicketFact fact, Instant now) {
            SlaDecider.Decision d = SlaDecider.decide(ticket, fact, policy, calendar, now);
            ticket = d.ticket();
            events.addAll(d.events());
            return d.events();
        }

        List<SlaEvent> when(TicketFact fact) {
            return when(fact, fact.at());
        }

        List<SlaEvent> timePasses(Instant now) {
            SlaDecider.Decision d = SlaDecider.fire(ticket, calendar, now);
            ticket = d.ticket();
            events.addAll(d.events());
            return d.events();
        }

        SlaClock clock(ClockKind kind) {
            return ticket.clocks().get(kind);
        }
    }

    static TicketFact.Opened opened(String local) {
        return new TicketFact.Opened("warranty", t(local));
    }

    @Test
    void anOpeningStartsFirstResponseAndResolutionAtTheContactTimeWithTheDefaultPriorityUntilTriaged() {
        Run run = new Run();
        List<SlaEvent> events = run.when(opened("2027-03-05T17:30"), t("2027-03-05T17:31"));
        assertThat(events).containsExactly(
                new SlaClockStarted(TICKET, "first-response", "warranty", t("2027-03-08T12:30"), t("2027-03-05T17:30"),
                        SlaDecider.terms(run.ticket, OFFICE)),
                new SlaClockStarted(TICKET, "resolution", "warranty", t("2027-03-09T15:30"), t("2027-03-05T17:30"),
                        SlaDecider.terms(run.ticket, OFFICE)));
        assertThat(run.ticket.priority()).isEqualTo(Priority.P3);
        assertThat(events.get(0).terms().policyVersion()).isEqualTo(3L);
        assertThat(events.get(0).terms().calendar()).isEqualTo("office");
    }

    @Test
    void aPlanWithoutATargetKeepsNoSuchClock() {
        Run run = new Run().given(new TicketFact.Triaged(Priority.P4, "L1", t("2027-03-08T09:00")));
        run.when(opened("2027-03-08T09:00"));
        assertThat(run.ticket.clocks().keySet()).containsExactly(ClockKind.RESOLUTION);
    }

    @Test
    void aTriageBeforeTheOpeningGivesTheSameClocksAsTheUsualOrder() {
        TicketFact.Triaged triaged = new TicketFact.Triaged(Priority.P1, "L1", t("2027-03-08T10:00"));
        Run usual = new Run().given(opened("2027-03-08T10:00"), triaged);
        Run early = new Run().given(triaged, opened("2027-03-08T10:00"));
        assertThat(early.ticket).isEqualTo(usual.ticket);
        assertThat(early.clock(ClockKind.RESOLUTION).dueAt(OFFICE)).isEqualTo(t("2027-03-08T14:00"));
    }

    @Test
    void aHigherPriorityRetimesFromTheStartAndWhatItPutsInThePastFiresAtOnce() {
        Run run = new Run().given(opened("2027-03-08T09:00"));
        // Triaged P1 at 12:00: first-response (30 min) was due 09:30, resolution (4 h) is due 13:00.
        List<SlaEvent> events = run.when(new TicketFact.Triaged(Priority.P1, "L1", t("2027-03-08T12:00")));
        assertThat(events).extracting(e -> e.getClass().getSimpleName() + " " + e.clock()).containsExactly(
                "SlaClockRetimed first-response", "SlaClockRetimed resolution",
                "SlaWarningReached first-response", "SlaWarningReached first-response", "SlaBreached first-response",
                "SlaWarningReached resolution", "SlaWarningReached resolution");
        SlaClockRetimed retimed = (SlaClockRetimed) events.get(1);
        assertThat(retimed.previousDueAt()).isEqualTo(t("2027-03-09T16:00"));
        assertThat(retimed.dueAt()).isEqualTo(t("2027-03-08T13:00"));
        SlaBreached breach = (SlaBreached) events.get(4);
        assertThat(breach.dueAt()).as("the moment it fell due").isEqualTo(t("2027-03-08T09:30"));
        assertThat(breach.at()).as("the moment it was announced").isEqualTo(t("2027-03-08T12:00"));
        assertThat(((SlaWarningReached) events.get(2)).threshold()).isEqualTo(0.5);
        assertThat(((SlaWarningReached) events.get(2)).warningDueAt()).isEqualTo(t("2027-03-08T09:15"));
    }

    @Test
    void warningsAndTheBreachGoOutOnceEachAtTheirMoments() {
        Run run = new Run().given(opened("2027-03-08T09:00"),
                new TicketFact.Triaged(Priority.P2, "L1", t("2027-03-08T09:00")));
        assertThat(SlaDecider.timers(run.ticket, OFFICE)).contains(
                new SlaDecider.Timer(ClockKind.FIRST_RESPONSE, 0.5, t("2027-03-08T09:30")),
                new SlaDecider.Timer(ClockKind.FIRST_RESPONSE, 0.75, t("2027-03-08T09:45")),
                new SlaDecider.Timer(ClockKind.FIRST_RESPONSE, 1.0, t("2027-03-08T10:00")));
        assertThat(run.timePasses(t("2027-03-08T09:29"))).isEmpty();
        assertThat(run.timePasses(t("2027-03-08T09:30"))).hasSize(1);
        assertThat(run.timePasses(t("2027-03-08T09:31"))).isEmpty();
        assertThat(run.timePasses(t("2027-03-08T10:00"))).extracting(SlaEvent::getClass)
                .containsExactly((Class) SlaWarningReached.class, (Class) SlaBreached.class);
        assertThat(run.timePasses(t("2027-03-08T11:00"))).isEmpty();
        assertThat(run.clock(ClockKind.FIRST_RESPONSE).state()).isEqualTo(SlaClock.State.BREACHED);
        assertThat(SlaDecider.timers(run.ticket, OFFICE)).noneMatch(timer -> timer.clock() == ClockKind.FIRST_RESPONSE);
    }

    @Test
    void theFirstPublicWordMeetsFirstResponseAndAQuestionPausesResolutionUntilTheCustomerAnswers() {
        Run run = new Run().given(opened("2027-03-08T09:00"));
        List<SlaEvent> asked = run.when(new TicketFact.AgentSpoke(true, t("2027-03-08T10:00")));
        assertThat(asked).extracting(e -> e.getClass().getSimpleName() + " " + e.clock())
                .containsExactly("SlaMet first-response", "SlaClockPaused resolution");
        // Paused for the rest of Monday and all of Tuesday morning: nothing falls due meanwhile.
        assertThat(run.timePasses(t("2027-03-10T17:00"))).isEmpty();
        List<SlaEvent> answered = run.when(new TicketFact.CustomerWrote(t("2027-03-09T12:00")));
        // 1 h used before the question; 15 h left from Tuesday 12:00: 6 h Tuesday, 9 h Wednesday.
        assertThat(answered.get(0)).isEqualTo(new SlaClockResumed(TICKET, "resolution", t("2027-03-10T18:00"),
                t("2027-03-09T12:00"), SlaDecider.terms(run.ticket, OFFICE)));
        assertThat(run.clock(ClockKind.RESOLUTION).pauses()).containsExactly(
                new SlaClock.Run(t("2027-03-08T10:00"), t("2027-03-09T12:00")));
        assertThat(answered).extracting(SlaEvent::clock).contains("next-reply");
    }

    @Test
    void nextReplyStartsAtACustomerMessageAfterAnAgentsAndTheNextReplyMeetsIt() {
        Run run = new Run().given(opened("2027-03-08T09:00"),
                new TicketFact.CustomerWrote(t("2027-03-08T09:10")));
        assertThat(run.clock(ClockKind.NEXT_REPLY)).as("no agent has spoken yet").isNull();
        run.when(new TicketFact.AgentSpoke(false, t("2027-03-08T09:20")));
        List<SlaEvent> wrote = run.when(new TicketFact.CustomerWrote(t("2027-03-08T11:00")));
        assertThat(wrote).containsExactly(new SlaClockStarted(TICKET, "next-reply", "warranty", t("2027-03-08T15:00"),
                t("2027-03-08T11:00"), SlaDecider.terms(run.ticket, OFFICE)));
        assertThat(run.when(new TicketFact.CustomerWrote(t("2027-03-08T11:30")))).as("a second message").isEmpty();
        assertThat(run.when(new TicketFact.AgentSpoke(false, t("2027-03-08T12:00"))))
                .extracting(e -> e.getClass().getSimpleName()).containsExactly("SlaMet");
    }

    @Test
    void aReopeningRunsResolutionAgainWithItsElapsedTimeAndTheTimeWhileResolvedDoesNotCount() {
        Run run = new Run().given(opened("2027-03-08T09:00"),
                new TicketFact.AgentSpoke(false, t("2027-03-08T09:30")));
        List<SlaEvent> resolved = run.when(new TicketFact.Resolved(t("2027-03-08T13:00")));
        assertThat(resolved).containsExactly(new SlaMet(TICKET, "resolution", t("2027-03-09T16:00"),
                t("2027-03-08T13:00"), SlaDecider.terms(run.ticket, OFFICE)));
        List<SlaEvent> reopened = run.when(new TicketFact.Reopened(t("2027-03-10T09:00")));
        // 4 h used; 12 h left from Wednesday 09:00: 9 h Wednesday, 3 h Thursday.
        assertThat(reopened.get(0)).isEqualTo(new SlaClockResumed(TICKET, "resolution", t("2027-03-11T12:00"),
                t("2027-03-10T09:00"), SlaDecider.terms(run.ticket, OFFICE)));
        assertThat(run.clock(ClockKind.RESOLUTION).state()).isEqualTo(SlaClock.State.RUNNING);
        assertThat(run.clock(ClockKind.FIRST_RESPONSE).state()).isEqualTo(SlaClock.State.MET);
    }

    @Test
    void aBreachedClockIsNotMetLaterAndClosingStopsWhatStillCounts() {
        Run run = new Run().given(opened("2027-03-08T09:00"));
        run.timePasses(t("2027-03-08T13:00"));
        assertThat(run.clock(ClockKind.FIRST_RESPONSE).state()).isEqualTo(SlaClock.State.BREACHED);
        assertThat(run.when(new TicketFact.AgentSpoke(false, t("2027-03-08T14:00")))).isEmpty();
        run.when(new TicketFact.Closed(t("2027-03-08T15:00")));
        assertThat(run.clock(ClockKind.RESOLUTION).state()).isEqualTo(SlaClock.State.STOPPED);
        assertThat(SlaDecider.timers(run.ticket, OFFICE)).isEmpty();
        assertThat(run.timePasses(t("2027-04-01T00:00"))).isEmpty();
    }

    @Test
    void aReplyAfterTheDueTimeThatArrivesBeforeTheBreachWentOutBreachesAndDoesNotMeet() {
        Run run = new Run().given(opened("2027-03-08T09:00"));
        // First response fell due at 13:00; the timer loop had not announced it when the 14:00 reply came in.
        List<SlaEvent> events = run.when(new TicketFact.AgentSpoke(false, t("2027-03-08T14:00")),
                t("2027-03-08T14:01"));
        assertThat(events).filteredOn(e -> e instanceof SlaMet).isEmpty();
        assertThat(events).filteredOn(e -> e instanceof SlaBreached).singleElement()
                .satisfies(e -> assertThat(((SlaBreached) e).dueAt()).isEqualTo(t("2027-03-08T13:00")));
        assertThat(run.clock(ClockKind.FIRST_RESPONSE).state()).isEqualTo(SlaClock.State.BREACHED);
        // A reply right at the due moment still meets it.
        Run onTime = new Run().given(opened("2027-03-08T09:00"));
        assertThat(onTime.when(new TicketFact.AgentSpoke(false, t("2027-03-08T13:00")), t("2027-03-08T13:05")))
                .filteredOn(e -> e instanceof SlaMet).hasSize(1);
    }

    @Test
    void aHolidayAddedToTheCalendarRetimesRunningClocksAndSaysSo() {
        Run run = new Run().given(opened("2027-03-08T09:00"));
        BusinessCalendar withHoliday = new BusinessCalendar("office", 2, "Office", OFFICE.zone(), OFFICE.week(),
                List.of(new Holiday(LocalDate.of(2027, 3, 9), "day off", false)), List.of());
        SlaDecider.Decision d = SlaDecider.retime(run.ticket, OFFICE, withHoliday, t("2027-03-08T10:00"));
        assertThat(d.events()).extracting(e -> e.getClass().getSimpleName() + " " + e.clock())
                .containsExactly("SlaClockRetimed resolution");
        SlaClockRetimed retimed = (SlaClockRetimed) d.events().get(0);
        assertThat(retimed.previousDueAt()).isEqualTo(t("2027-03-09T16:00"));
        assertThat(retimed.dueAt()).isEqualTo(t("2027-03-10T16:00"));
        assertThat(retimed.terms().calendarVersion()).isEqualTo(2L);
        assertThat(retimed.reason()).contains("calendar office");
    }

    static TicketFact.VendorEngaged vendorEngaged(String local) {
        VendorTerms terms = VendorTerms.of("hp", "HP-1", Duration.ofHours(4), Duration.ofHours(48),
                BusinessCalendar.alwaysOpen());
        return new TicketFact.VendorEngaged(terms, t(local));
    }

    @Test
    void aVendorCaseRunsItsClocksOnItsAgreementsCalendarWarnsAndBreachesThemWhileTheCustomersKeepRunning() {
        Run run = new Run().given(opened("2027-03-08T09:00"), new TicketFact.AgentSpoke(false, t("2027-03-08T09:10")));
        List<SlaEvent> engaged = run.when(vendorEngaged("2027-03-08T17:00"));
        assertThat(engaged).filteredOn(e -> e instanceof SlaClockStarted)
                .extracting(SlaEvent::clock).containsExactly("vendor-response", "vendor-resolution");
        SlaClockStarted response = (SlaClockStarted) engaged.stream().filter(e -> e instanceof SlaClockStarted)
                .findFirst().orElseThrow();
        assertThat(response.dueAt()).as("four hours around the clock, not the customer's office hours")
                .isEqualTo(t("2027-03-08T21:00"));
        assertThat(response.terms().calendar()).isEqualTo(BusinessCalendar.ALWAYS);
        assertThat(run.ticket.tier()).isEqualTo("L4");

        List<SlaEvent> evening = run.timePasses(t("2027-03-08T21:00"));
        assertThat(evening).extracting(e -> e.getClass().getSimpleName() + " " + e.clock()).containsExactly(
                "SlaWarningReached vendor-response", "SlaWarningReached vendor-response",
                "SlaBreached vendor-response");
        assertThat(run.clock(ClockKind.VENDOR_RESPONSE).state()).isEqualTo(SlaClock.State.BREACHED);
        assertThat(run.clock(ClockKind.RESOLUTION).state()).as("the customer's agreement is with us: it runs on")
                .isEqualTo(SlaClock.State.RUNNING);
        assertThat(SlaDecider.timers(run.ticket, OFFICE)).contains(
                new SlaDecider.Timer(ClockKind.RESOLUTION, 1.0, t("2027-03-09T16:00")),
                new SlaDecider.Timer(ClockKind.VENDOR_RESOLUTION, 1.0, t("2027-03-10T17:00")));
        assertThat(run.timePasses(t("2027-03-08T22:00"))).as("a breach goes out once").isEmpty();
    }

    @Test
    void theVendorsAnswersMeetItsTargetsAndAReturnFromL4StopsWhatStillCounts() {
        Run run = new Run().given(opened("2027-03-08T09:00"), vendorEngaged("2027-03-08T10:00"));
        List<SlaEvent> answered = run.when(new TicketFact.VendorAnswered(false, t("2027-03-08T11:00")));
        assertThat(answered).filteredOn(e -> e.clock().startsWith("vendor-"))
                .extracting(e -> e.getClass().getSimpleName() + " " + e.clock())
                .containsExactly("SlaMet vendor-response");
        assertThat(run.when(new TicketFact.Moved("L1", t("2027-03-08T12:00"))))
                .noneMatch(e -> e.clock().startsWith("vendor-"));
        assertThat(run.clock(ClockKind.VENDOR_RESOLUTION).state()).isEqualTo(SlaClock.State.STOPPED);
        assertThat(SlaDecider.timers(run.ticket, OFFICE)).noneMatch(timer -> timer.clock().vendor());
        assertThat(run.clock(ClockKind.RESOLUTION).state()).isEqualTo(SlaClock.State.RUNNING);

        Run fixed = new Run().given(opened("2027-03-08T09:00"), vendorEngaged("2027-03-08T10:00"));
        assertThat(fixed.when(new TicketFact.VendorAnswered(true, t("2027-03-08T11:00"))))
                .filteredOn(e -> e instanceof SlaMet).extracting(SlaEvent::clock)
                .containsExactly("vendor-response", "vendor-resolution");
    }

    @Test
    void resolvingTheTicketMeetsTheCustomersClocksAndStopsTheVendorsWithoutCountingThemMet() {
        Run run = new Run().given(opened("2027-03-08T09:00"), vendorEngaged("2027-03-08T10:00"));
        List<SlaEvent> resolved = run.when(new TicketFact.Resolved(t("2027-03-08T11:00")));
        assertThat(resolved).extracting(SlaEvent::clock).containsExactlyInAnyOrder("first-response", "resolution");
        assertThat(run.clock(ClockKind.VENDOR_RESPONSE).state()).isEqualTo(SlaClock.State.STOPPED);
        assertThat(run.clock(ClockKind.VENDOR_RESOLUTION).state()).isEqualTo(SlaClock.State.STOPPED);
    }

    /** Warranty's targets with an engineer owed within four working hours of a booked on-site visit. */
    static final SlaPolicy ON_SITE = new SlaPolicy("warranty", 4, "office", Priority.P3, List.of(0.75),
            Map.of(Priority.P3, new Targets(Duration.ofHours(4), Duration.ofHours(4), Duration.ofHours(16),
                    Duration.ofHours(4))));

    @Test
    void aBookedOnSiteVisitOwesAnEngineerWithinThePlansTargetMetByTheArrival() {
        Run run = new Run();
        run.policy = ON_SITE;
        run.given(opened("2027-03-08T09:00"));
        assertThat(run.when(new TicketFact.VisitBooked(false, t("2027-03-08T10:00"))))
                .as("a visit to the service centre owes no engineer at the customer's").isEmpty();
        List<SlaEvent> booked = run.when(new TicketFact.VisitBooked(true, t("2027-03-08T10:00")));
        assertThat(booked).hasSize(1);
        assertThat(booked.get(0)).isInstanceOf(SlaClockStarted.class);
        assertThat(booked.get(0).clock()).isEqualTo("on-site");
        assertThat(booked.get(0).dueAt()).isEqualTo(t("2027-03-08T14:00"));
        assertThat(run.when(new TicketFact.VisitBooked(true, t("2027-03-08T11:00")))).as("booked again: one clock")
                .isEmpty();
        assertThat(run.when(new TicketFact.VisitBegan(t("2027-03-08T13:30"))))
                .extracting(e -> e.getClass().getSimpleName() + " " + e.clock()).contains("SlaMet on-site");
    }

    @Test
    void anEngineerWhoDoesNotComeInTimeBreachesTheOnSiteClockAndResolvingStopsOneStillOwed() {
        Run run = new Run();
        run.policy = ON_SITE;
        run.given(opened("2027-03-08T09:00"), new TicketFact.VisitBooked(true, t("2027-03-08T10:00")));
        assertThat(run.timePasses(t("2027-03-08T14:00"))).extracting(e -> e.getClass().getSimpleName() + " "
                + e.clock()).contains("SlaBreached on-site");
        Run fixedRemotely = new Run();
        fixedRemotely.policy = ON_SITE;
        fixedRemotely.given(opened("2027-03-08T09:00"), new TicketFact.VisitBooked(true, t("2027-03-08T10:00")));
        assertThat(fixedRemotely.when(new TicketFact.Resolved(t("2027-03-08T11:00")))).extracting(SlaEvent::clock)
                .doesNotContain("on-site");
        assertThat(fixedRemotely.clock(ClockKind.ON_SITE).state()).isEqualTo(SlaClock.State.STOPPED);
        Run noTarget = new Run().given(opened("2027-03-08T09:00"));
        assertThat(noTarget.when(new TicketFact.VisitBooked(true, t("2027-03-08T10:00"))))
                .as("a plan without an on-site target keeps no such clock").isEmpty();
    }
}
