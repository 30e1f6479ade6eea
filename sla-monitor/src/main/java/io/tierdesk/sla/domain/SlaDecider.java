package io.tierdesk.sla.domain;

import io.tierdesk.events.routing.Priority;
import io.tierdesk.events.sla.SlaBreached;
import io.tierdesk.events.sla.SlaClockPaused;
import io.tierdesk.events.sla.SlaClockResumed;
import io.tierdesk.events.sla.SlaClockRetimed;
import io.tierdesk.events.sla.SlaClockStarted;
import io.tierdesk.events.sla.SlaEvent;
import io.tierdesk.events.sla.SlaMet;
import io.tierdesk.events.sla.SlaTerms;
import io.tierdesk.events.sla.SlaWarningReached;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * decide(ticket, fact) → the ticket's clocks and the SLA events that say what changed. Plain Java: the application
 * layer loads the ticket, the policy and the calendar, and stores and publishes what comes back. After every
 * decision, warnings and breaches whose moment has passed (a late event, a priority raised after the fact) go out at
 * once; the others wait in {@link #timers}.
 */
public final class SlaDecider {
    public record Decision(SlaTicket ticket, List<SlaEvent> events) {
    }

    /** A moment to wake for: a warning threshold of a clock (below 1) or its breach (1). */
    public record Timer(ClockKind clock, double threshold, Instant dueAt) {
        public static final double BREACH = 1.0;
    }

    private SlaDecider() {
    }

    /**
     * @param policyOfPlan the plan's policy now: the clocks of an opening start under it; later facts use the one
     *                     the ticket's clocks started under
     * @param calendar     the calendar the ticket's policy names, as it is now
     */
    public static Decision decide(SlaTicket ticket, TicketFact fact, SlaPolicy policyOfPlan, BusinessCalendar calendar,
            Instant now) {
        List<SlaEvent> events = new ArrayList<>();
        // What fell due before the fact happened is judged first: a reply after the due time that arrives before
        // the timer loop announced the breach is a breach, not a met target. A moment at the fact's own instant is
        // still met by it.
        if (fact.at() != null && fact.at().isBefore(now)) {
            Decision earlier = fire(ticket, calendar, fact.at().minusNanos(1), now);
            ticket = earlier.ticket();
            events.addAll(earlier.events());
        }
        SlaTicket next = switch (fact) {
            case TicketFact.Opened f -> open(ticket, f, policyOfPlan, calendar, events);
            case TicketFact.Triaged f -> triaged(ticket, f, calendar, now, events);
            case TicketFact.Moved f -> moved(ticket, f);
            case TicketFact.VendorEngaged f -> vendorEngaged(ticket.onLine("L4"), f, events);
            case TicketFact.VendorAnswered f -> vendorAnswered(ticket, f, calendar, events);
            case TicketFact.VisitBooked f -> visitBooked(ticket, f, calendar, events);
            case TicketFact.VisitBegan f -> meet(ticket, ClockKind.ON_SITE, f.at(), calendar, events);
            case TicketFact.AgentSpoke f -> agentSpoke(ticket, f, calendar, events);
            case TicketFact.CustomerWrote f -> customerWrote(ticket, f, calendar, events);
            // The clocks a resolution does not meet (a vendor's, an owed visit) stop where they are.
            case TicketFact.Resolved f -> stop(meetAll(ticket, f.at(), calendar, events), f.at(),
                    kind -> !kind.metByResolution()).with(false, true);
            case TicketFact.Reopened f -> reopened(ticket, f, calendar, events);
            case TicketFact.Closed f -> closed(ticket, f);
        };
        Decision fired = fire(next, calendar, now);
        events.addAll(fired.events());
        return new Decision(fired.ticket(), events);
    }

    /** Announces every warning and breach due by {@code now} that has not gone out, thresholds in order. */
    public static Decision fire(SlaTicket ticket, BusinessCalendar calendar, Instant now) {
        return fire(ticket, calendar, now, now);
    }

    /** Announces, at {@code now}, every warning and breach due by {@code dueBy} that has not gone out. */
    private static Decision fire(SlaTicket ticket, BusinessCalendar calendar, Instant dueBy, Instant now) {
        List<SlaEvent> events = new ArrayList<>();
        if (!ticket.opened()) {
            return new Decision(ticket, events);
        }
        SlaTicket next = ticket;
        for (SlaClock clock : ticket.clocks().values()) {
            if (!clock.open() || clock.breachedAt() != null) {
                continue;
            }
            SlaClock updated = clock;
            BusinessCalendar counting = ticket.calendarOf(clock.kind(), calendar);
            Instant due = clock.dueAt(counting);
            for (double threshold : ticket.policy().warnings()) {
                Instant warnAt = updated.warnedAt(threshold) ? null : updated.dueAt(counting, threshold);
                if (warnAt != null && !warnAt.isAfter(dueBy)) {
                    updated = updated.warned(new SlaClock.Warning(threshold, warnAt, now));
                    events.add(new SlaWarningReached(ticket.ticketId(), clock.kind().wireName(), due, now, threshold,
                            warnAt, terms(ticket, counting)));
                }
            }
            if (due != null && !due.isAfter(dueBy)) {
                updated = updated.breached(now);
                events.add(new SlaBreached(ticket.ticketId(), clock.kind().wireName(), due, now,
                        terms(ticket, counting)));
            }
            next = next.with(clock.kind(), updated);
        }
        return new Decision(next, events);
    }

    /** The moments still to come: each unannounced threshold and the breach of every clock that counts. */
    public static List<Timer> timers(SlaTicket ticket, BusinessCalendar calendar) {
        List<Timer> timers = new ArrayList<>();
        if (!ticket.opened()) {
            return timers;
        }
        for (SlaClock clock : ticket.clocks().values()) {
            if (!clock.open() || clock.breachedAt() != null) {
                continue;
            }
            BusinessCalendar counting = ticket.calendarOf(clock.kind(), calendar);
            for (double threshold : ticket.policy().warnings()) {
                Instant at = clock.warnedAt(threshold) ? null : clock.dueAt(counting, threshold);
                if (at != null) {
                    timers.add(new Timer(clock.kind(), threshold, at));
                }
            }
            Instant due = clock.dueAt(counting);
            if (due != null) {
                timers.add(new Timer(clock.kind(), Timer.BREACH, due));
            }
        }
        return timers;
    }

    /** The calendar changed (a holiday added): every clock that still counts gets its new due time, said so. */
    public static Decision retime(SlaTicket ticket, BusinessCalendar before, BusinessCalendar after, Instant now) {
        List<SlaEvent> events = new ArrayList<>();
        for (SlaClock clock : ticket.clocks().values()) {
            // A vendor's clocks count on its calendar as the case opened with it.
            if (clock.open() && clock.breachedAt() == null && !clock.kind().vendor()) {
                Instant was = clock.dueAt(before);
                Instant is = clock.dueAt(after);
                if (!Objects.equals(was, is)) {
                    events.add(new SlaClockRetimed(ticket.ticketId(), clock.kind().wireName(), is, was, "calendar "
                            + after.id() + " changed to version " + after.version(), now, terms(ticket, after)));
                }
            }
        }
        Decision fired = fire(ticket, after, now);
        events.addAll(fired.events());
        return new Decision(fired.ticket(), events);
    }

    private static SlaTicket open(SlaTicket ticket, TicketFact.Opened f, SlaPolicy policy, BusinessCalendar calendar,
            List<SlaEvent> events) {
        if (ticket.opened()) {
            return ticket;
        }
        Priority priority = ticket.priority() != null ? ticket.priority() : policy.defaultPriority();
        SlaTicket next = ticket.openedUnder(policy.plan(), policy, priority, f.at());
        for (ClockKind kind : List.of(ClockKind.FIRST_RESPONSE, ClockKind.RESOLUTION)) {
            next = start(next, kind, f.at(), calendar, events);
        }
        return next;
    }

    private static SlaTicket start(SlaTicket ticket, ClockKind kind, Instant at, BusinessCalendar calendar,
            List<SlaEvent> events) {
        Duration target = ticket.policy().target(ticket.priority(), kind);
        if (target == null) {
            return ticket;
        }
        SlaClock clock = SlaClock.started(kind, target, at);
        events.add(new SlaClockStarted(ticket.ticketId(), kind.wireName(), ticket.plan(), clock.dueAt(calendar), at,
                terms(ticket, calendar)));
        return ticket.with(kind, clock);
    }

    private static SlaTicket triaged(SlaTicket ticket, TicketFact.Triaged f, BusinessCalendar calendar, Instant now,
            List<SlaEvent> events) {
        SlaTicket next = ticket.onLine(f.tier() != null ? f.tier() : ticket.tier());
        if (!ticket.opened() || f.priority() == ticket.priority()) {
            return next.prioritised(f.priority(), true);
        }
        Priority was = ticket.priority();
        next = next.prioritised(f.priority(), true);
        for (SlaClock clock : ticket.clocks().values()) {
            Duration target = next.policy().target(f.priority(), clock.kind());
            if (target == null || target.equals(clock.target()) || !clock.open()) {
                continue;
            }
            SlaClock retimed = clock.retargeted(target);
            next = next.with(clock.kind(), retimed);
            if (clock.breachedAt() == null) {
                events.add(new SlaClockRetimed(ticket.ticketId(), clock.kind().wireName(), retimed.dueAt(calendar),
                        clock.dueAt(calendar), "priority " + was + " -> " + f.priority(), now,
                        terms(next, calendar)));
            }
        }
        return next;
    }

    private static SlaTicket agentSpoke(SlaTicket ticket, TicketFact.AgentSpoke f, BusinessCalendar calendar,
            List<SlaEvent> events) {
        SlaTicket next = meet(ticket, ClockKind.FIRST_RESPONSE, f.at(), calendar, events);
        next = meet(next, ClockKind.NEXT_REPLY, f.at(), calendar, events);
        if (f.question()) {
            next = pause(next, ClockKind.RESOLUTION, f.at(), calendar, events);
        }
        return next.with(f.question() || next.awaitingCustomer(), true);
    }

    private static SlaTicket customerWrote(SlaTicket ticket, TicketFact.CustomerWrote f, BusinessCalendar calendar,
            List<SlaEvent> events) {
        SlaTicket next = ticket;
        if (ticket.awaitingCustomer()) {
            next = resume(next, ClockKind.RESOLUTION, f.at(), calendar, events);
        }
        SlaClock nextReply = next.clocks().get(ClockKind.NEXT_REPLY);
        if (ticket.agentSpokeLast() && ticket.opened() && (nextReply == null || !nextReply.open())) {
            next = start(next, ClockKind.NEXT_REPLY, f.at(), calendar, events);
        }
        return next.with(false, false);
    }

    private static SlaTicket meetAll(SlaTicket ticket, Instant at, BusinessCalendar calendar, List<SlaEvent> events) {
        SlaTicket next = ticket;
        for (ClockKind kind : ClockKind.values()) {
            if (kind.metByResolution()) {
                next = meet(next, kind, at, calendar, events);
            }
        }
        return next;
    }

    private static SlaTicket reopened(SlaTicket ticket, TicketFact.Reopened f, BusinessCalendar calendar,
            List<SlaEvent> events) {
        SlaClock resolution = ticket.clocks().get(ClockKind.RESOLUTION);
        if (resolution == null || resolution.open()) {
            return ticket;
        }
        SlaClock again = resolution.reopened(f.at());
        events.add(new SlaClockResumed(ticket.ticketId(), ClockKind.RESOLUTION.wireName(), again.dueAt(calendar),
                f.at(), terms(ticket, calendar)));
        return ticket.with(ClockKind.RESOLUTION, again).with(false, ticket.agentSpokeLast());
    }

    private static SlaTicket closed(SlaTicket ticket, TicketFact.Closed f) {
        SlaTicket next = ticket;
        for (SlaClock clock : ticket.clocks().values()) {
            next = next.with(clock.kind(), clock.stopped(f.at()));
        }
        return next.with(false, false);
    }

    private static SlaTicket meet(SlaTicket ticket, ClockKind kind, Instant at, BusinessCalendar calendar,
            List<SlaEvent> events) {
        SlaClock clock = ticket.clocks().get(kind);
        if (clock == null || !clock.open()) {
            return ticket;
        }
        if (clock.breachedAt() == null) {
            BusinessCalendar counting = ticket.calendarOf(kind, calendar);
            events.add(new SlaMet(ticket.ticketId(), kind.wireName(), clock.dueAt(counting), at,
                    terms(ticket, counting)));
        }
        return ticket.with(kind, clock.met(at));
    }

    private static SlaTicket pause(SlaTicket ticket, ClockKind kind, Instant at, BusinessCalendar calendar,
            List<SlaEvent> events) {
        SlaClock clock = ticket.clocks().get(kind);
        if (clock == null || !clock.running()) {
            return ticket;
        }
        events.add(new SlaClockPaused(ticket.ticketId(), kind.wireName(), null, at, terms(ticket, calendar)));
        return ticket.with(kind, clock.paused(at));
    }

    private static SlaTicket resume(SlaTicket ticket, ClockKind kind, Instant at, BusinessCalendar calendar,
            List<SlaEvent> events) {
        SlaClock clock = ticket.clocks().get(kind);
        if (clock == null || clock.running() || !clock.open()) {
            return ticket;
        }
        SlaClock resumed = clock.resumed(at);
        events.add(new SlaClockResumed(ticket.ticketId(), kind.wireName(), resumed.dueAt(calendar), at,
                terms(ticket, calendar)));
        return ticket.with(kind, resumed);
    }

    /** A move off L4 ends the vendor's case: its clocks stop where they are. */
    private static SlaTicket moved(SlaTicket ticket, TicketFact.Moved f) {
        SlaTicket next = ticket.onLine(f.tier());
        return "L4".equals(f.tier()) ? next : stop(next, f.at(), ClockKind::vendor);
    }

    /**
     * The first on-site visit booked starts the on-site clock, on the plan's target at the ticket's priority (none
     * where the plan sets none); later bookings, reschedulings and cancellations leave it running until an engineer
     * arrives.
     */
    private static SlaTicket visitBooked(SlaTicket ticket, TicketFact.VisitBooked f, BusinessCalendar calendar,
            List<SlaEvent> events) {
        if (!f.onSite() || !ticket.opened() || ticket.clocks().containsKey(ClockKind.ON_SITE)) {
            return ticket;
        }
        return start(ticket, ClockKind.ON_SITE, f.at(), calendar, events);
    }

    /** The clocks of these kinds that still count stop, neither met nor breached. */
    private static SlaTicket stop(SlaTicket ticket, Instant at, Predicate<ClockKind> kinds) {
        SlaTicket next = ticket;
        for (SlaClock clock : ticket.clocks().values()) {
            if (kinds.test(clock.kind()) && clock.open()) {
                next = next.with(clock.kind(), clock.stopped(at));
            }
        }
        return next;
    }

    /**
     * A case opened at a vendor: its clocks start on the agreement's targets and calendar, beside the customer's,
     * which keep running. A new case (after a return, a second escalation) replaces the last one's clocks.
     */
    private static SlaTicket vendorEngaged(SlaTicket ticket, TicketFact.VendorEngaged f, List<SlaEvent> events) {
        SlaTicket next = stop(ticket, f.at(), ClockKind::vendor).withVendor(f.terms());
        BusinessCalendar counting = f.terms().businessCalendar();
        for (ClockKind kind : List.of(ClockKind.VENDOR_RESPONSE, ClockKind.VENDOR_RESOLUTION)) {
            Duration target = f.terms().target(kind);
            if (target != null) {
                SlaClock clock = SlaClock.started(kind, target, f.at());
                events.add(new SlaClockStarted(ticket.ticketId(), kind.wireName(), ticket.plan(),
                        clock.dueAt(counting), f.at(), terms(next, counting)));
                next = next.with(kind, clock);
            }
        }
        return next;
    }

    /** The vendor's first answer meets its response target; one saying the fault is fixed, its resolution. */
    private static SlaTicket vendorAnswered(SlaTicket ticket, TicketFact.VendorAnswered f, BusinessCalendar calendar,
            List<SlaEvent> events) {
        SlaTicket next = meet(ticket, ClockKind.VENDOR_RESPONSE, f.at(), calendar, events);
        return f.resolved() ? meet(next, ClockKind.VENDOR_RESOLUTION, f.at(), calendar, events) : next;
    }

    static SlaTerms terms(SlaTicket ticket, BusinessCalendar calendar) {
        return new SlaTerms(ticket.plan(), ticket.policy() == null ? null : ticket.policy().version(),
                ticket.priority() == null ? null : ticket.priority().name(), calendar.id(), calendar.version());
    }
}
