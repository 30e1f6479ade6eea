package io.tierdesk.router.domain;

import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.events.routing.RemoteSessionEnded;
import io.tierdesk.events.routing.RemoteSessionStarted;
import io.tierdesk.events.routing.VisitCancelled;
import io.tierdesk.events.routing.VisitCompleted;
import io.tierdesk.events.routing.VisitOutcome;
import io.tierdesk.events.routing.VisitPlace;
import io.tierdesk.events.routing.VisitRescheduled;
import io.tierdesk.events.routing.VisitScheduled;
import io.tierdesk.events.routing.VisitStarted;
import io.tierdesk.rules.WorkRule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The rules of fixing a ticket away from the desk: who may book, move, cancel and record visits and remote sessions,
 * and that an engineer is never booked twice at once. Plain Java: the application reads the ticket, the visit and
 * the engineer's other bookings under the engineer's lock, and appends what comes back.
 */
public final class FieldWorkDecider {
    /** The longest window one visit may hold an engineer. */
    static final Duration LONGEST = Duration.ofHours(12);

    private FieldWorkDecider() {
    }

    public static VisitScheduled schedule(RoutedTicket ticket, UUID visitId, VisitPlace place, String engineer,
            Instant from, Instant to, String address, List<Visit> engineersVisits, String by, boolean supervisor,
            Instant at) {
        requireOpen(ticket);
        WorkRule.require(by, supervisor, ticket.owner(), ticket.assignee(), "book a visit");
        if (place == VisitPlace.ON_SITE && (address == null || address.isBlank())) {
            throw Rejection.invalid("address", "an on-site visit needs the customer's address");
        }
        window(from, to, at);
        free(engineer, from, to, engineersVisits, null);
        return new VisitScheduled(ticket.ticketId(), visitId, place, engineer, from, to, address, by, at);
    }

    public static VisitRescheduled reschedule(RoutedTicket ticket, Visit visit, String engineer, Instant from,
            Instant to, List<Visit> engineersVisits, String by, boolean supervisor, Instant at) {
        requireOpen(ticket);
        WorkRule.require(by, supervisor, ticket.owner(), ticket.assignee(), "move a visit");
        requireState(visit, "move", Visit.State.SCHEDULED);
        window(from, to, at);
        free(engineer, from, to, engineersVisits, visit.visitId());
        return new VisitRescheduled(ticket.ticketId(), visit.visitId(), engineer, from, to, by, at);
    }

    public static VisitCancelled cancel(RoutedTicket ticket, Visit visit, String reason, String by, boolean supervisor,
            Instant at) {
        WorkRule.require(by, supervisor, ticket.owner(), ticket.assignee(), "cancel a visit");
        requireState(visit, "cancel", Visit.State.SCHEDULED);
        return new VisitCancelled(ticket.ticketId(), visit.visitId(), reason, by, at);
    }

    /** The engineer arrived; they may say so themselves. */
    public static VisitStarted start(RoutedTicket ticket, Visit visit, String by, boolean supervisor, Instant at) {
        if (!by.equals(visit.engineer())) {
            WorkRule.require(by, supervisor, ticket.owner(), ticket.assignee(), "record the engineer's arrival");
        }
        requireState(visit, "start", Visit.State.SCHEDULED);
        return new VisitStarted(ticket.ticketId(), visit.visitId(), by, at);
    }

    public static VisitCompleted complete(RoutedTicket ticket, Visit visit, VisitOutcome outcome, String note,
            String by, boolean supervisor, Instant at) {
        if (!by.equals(visit.engineer())) {
            WorkRule.require(by, supervisor, ticket.owner(), ticket.assignee(), "record how the visit ended");
        }
        // A customer who was not there is known without the engineer having begun.
        if (outcome == VisitOutcome.CUSTOMER_ABSENT) {
            requireState(visit, "close", Visit.State.SCHEDULED, Visit.State.STARTED);
        } else {
            requireState(visit, "complete", Visit.State.STARTED);
        }
        return new VisitCompleted(ticket.ticketId(), visit.visitId(), outcome, note, by, at);
    }

    public static RemoteSessionStarted startRemote(RoutedTicket ticket, UUID sessionId, String tool, String reference,
            String by, boolean supervisor, Instant at) {
        requireOpen(ticket);
        WorkRule.require(by, supervisor, ticket.owner(), ticket.assignee(), "connect to the customer's machine");
        return new RemoteSessionStarted(ticket.ticketId(), sessionId, tool, reference, by, at);
    }

    public static RemoteSessionEnded endRemote(RoutedTicket ticket, UUID sessionId, String startedBy,
            boolean ended, String summary, String by, boolean supervisor, Instant at) {
        if (!by.equals(startedBy)) {
            WorkRule.require(by, supervisor, ticket.owner(), ticket.assignee(), "end the remote session");
        }
        if (ended) {
            throw Rejection.notAllowedNow("sessionId", "the remote session has ended already");
        }
        return new RemoteSessionEnded(ticket.ticketId(), sessionId, summary, by, at);
    }

    private static void requireOpen(RoutedTicket ticket) {
        if (ticket.state() == RoutingState.CLOSED) {
            throw Rejection.notAllowedNow("ticketId", "the ticket is closed");
        }
    }

    private static void window(Instant from, Instant to, Instant now) {
        if (!to.isAfter(from)) {
            throw Rejection.invalid("to", "must be after 'from'");
        }
        if (Duration.between(from, to).compareTo(LONGEST) > 0) {
            throw Rejection.invalid("to", "a visit holds its engineer for at most " + LONGEST.toHours() + " hours");
        }
        if (!to.isAfter(now)) {
            throw Rejection.invalid("from", "a visit is booked for a window still to come");
        }
    }

    /** 409 naming {@code engineer} when another booking of theirs meets the window. */
    private static void free(String engineer, Instant from, Instant to, List<Visit> engineersVisits, UUID moving) {
        for (Visit other : engineersVisits) {
            if (other.state().booked() && !other.visitId().equals(moving) && other.overlaps(from, to)) {
                throw Rejection.conflict("engineer", engineer + " is booked " + other.from() + " to " + other.to()
                        + " (ticket " + other.ticketId() + ")");
            }
        }
    }

    private static void requireState(Visit visit, String action, Visit.State... allowed) {
        for (Visit.State state : allowed) {
            if (visit.state() == state) {
                return;
            }
        }
        throw Rejection.notAllowedNow("visitId", "cannot " + action + " a visit that is " + visit.state().wireName());
    }
}
