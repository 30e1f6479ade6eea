package io.tierdesk.router.application;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.eventing.store.EventMetadata;
import io.tierdesk.eventing.store.EventStore;
import io.tierdesk.eventing.store.ExpectedVersion;
import io.tierdesk.events.routing.RemoteSessionEnded;
import io.tierdesk.events.routing.RemoteSessionStarted;
import io.tierdesk.events.routing.RoutingEvent;
import io.tierdesk.events.routing.VisitCancelled;
import io.tierdesk.events.routing.VisitCompleted;
import io.tierdesk.events.routing.VisitOutcome;
import io.tierdesk.events.routing.VisitPlace;
import io.tierdesk.events.routing.VisitRescheduled;
import io.tierdesk.events.routing.VisitScheduled;
import io.tierdesk.events.routing.VisitStarted;
import io.tierdesk.router.domain.FieldWorkDecider;
import io.tierdesk.router.domain.RoutedTicket;
import io.tierdesk.router.domain.Visit;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Visits and remote sessions, in the caller's transaction: the ticket and the visit read, the engineers' bookings
 * read under their locks, the decision's event appended to the ticket's routing stream and the state kept.
 */
@ApplicationScoped
public class FieldWork {
    /** Bookings this far either side of a window are read to find one that meets it (a visit is at most 12 h). */
    private static final Duration AROUND = Duration.ofHours(12);

    private final RoutingRepository tickets;
    private final FieldWorkRepository visits;
    private final EventStore store;
    private final Clock clock;

    public FieldWork(RoutingRepository tickets, FieldWorkRepository visits, EventStore store, Clock clock) {
        this.tickets = tickets;
        this.visits = visits;
        this.store = store;
        this.clock = clock;
    }

    public record Booking(VisitPlace place, String engineer, Instant from, Instant to, String address) {
    }

    public Uni<Visit> schedule(Mutiny.Session session, UUID ticketId, Booking b, String by, boolean supervisor) {
        Instant at = clock.instant();
        UUID visitId = UUID.randomUUID();
        return ticket(session, ticketId).call(() -> engineer(session, b.engineer()))
                .chain(ticket -> visits.lockEngineers(session, List.of(b.engineer()))
                        .chain(() -> visits.ofEngineer(session, b.engineer(), b.from().minus(AROUND), b.to().plus(AROUND)))
                        .map(booked -> FieldWorkDecider.schedule(ticket, visitId, b.place(), b.engineer(), b.from(),
                                b.to(), b.address(), booked, by, supervisor, at)))
                .chain(e -> {
                    Visit visit = new Visit(visitId, ticketId, e.place(), e.engineer(), e.from(), e.to(), e.address(),
                            Visit.State.SCHEDULED, null, null, null, null);
                    return visits.insert(session, visit, by, at).chain(() -> append(session, e, by, at))
                            .replaceWith(visit);
                });
    }

    /** Another window, or another engineer ({@code engineer} null: the same). */
    public Uni<Visit> reschedule(Mutiny.Session session, UUID ticketId, UUID visitId, String engineer, Instant from,
            Instant to, String by, boolean supervisor) {
        Instant at = clock.instant();
        return ticket(session, ticketId).chain(ticket -> visit(session, ticketId, visitId).chain(visit -> {
            String who = engineer == null ? visit.engineer() : engineer;
            return (who.equals(visit.engineer()) ? Uni.createFrom().voidItem() : engineer(session, who))
                    .chain(() -> visits.lockEngineers(session, List.of(who, visit.engineer())))
                    .chain(() -> visits.ofEngineer(session, who, from.minus(AROUND), to.plus(AROUND)))
                    .chain(booked -> {
                        VisitRescheduled e = FieldWorkDecider.reschedule(ticket, visit, who, from, to, booked, by,
                                supervisor, at);
                        Visit moved = new Visit(visitId, ticketId, visit.place(), who, from, to, visit.address(),
                                visit.state(), null, null, null, null);
                        return visits.update(session, moved).chain(() -> append(session, e, by, at)).replaceWith(moved);
                    });
        }));
    }

    public Uni<Visit> cancel(Mutiny.Session session, UUID ticketId, UUID visitId, String reason, String by,
            boolean supervisor) {
        Instant at = clock.instant();
        return ticket(session, ticketId).chain(ticket -> visit(session, ticketId, visitId).chain(visit -> {
            VisitCancelled e = FieldWorkDecider.cancel(ticket, visit, reason, by, supervisor, at);
            Visit cancelled = with(visit, Visit.State.CANCELLED, null, reason, null, null);
            return visits.update(session, cancelled).chain(() -> append(session, e, by, at)).replaceWith(cancelled);
        }));
    }

    public Uni<Visit> start(Mutiny.Session session, UUID ticketId, UUID visitId, String by, boolean supervisor) {
        Instant at = clock.instant();
        return ticket(session, ticketId).chain(ticket -> visit(session, ticketId, visitId).chain(visit -> {
            VisitStarted e = FieldWorkDecider.start(ticket, visit, by, supervisor, at);
            Visit started = with(visit, Visit.State.STARTED, null, null, at, null);
            return visits.update(session, started).chain(() -> append(session, e, by, at)).replaceWith(started);
        }));
    }

    public Uni<Visit> complete(Mutiny.Session session, UUID ticketId, UUID visitId, VisitOutcome outcome, String note,
            String by, boolean supervisor) {
        Instant at = clock.instant();
        return ticket(session, ticketId).chain(ticket -> visit(session, ticketId, visitId).chain(visit -> {
            VisitCompleted e = FieldWorkDecider.complete(ticket, visit, outcome, note, by, supervisor, at);
            Visit done = with(visit, Visit.State.COMPLETED, outcome, note, visit.startedAt(), at);
            return visits.update(session, done).chain(() -> append(session, e, by, at)).replaceWith(done);
        }));
    }

    public Uni<FieldWorkRepository.RemoteSession> startRemote(Mutiny.Session session, UUID ticketId, String tool,
            String reference, String by, boolean supervisor) {
        Instant at = clock.instant();
        UUID sessionId = UUID.randomUUID();
        return ticket(session, ticketId).chain(ticket -> {
            RemoteSessionStarted e = FieldWorkDecider.startRemote(ticket, sessionId, tool, reference, by, supervisor,
                    at);
            var remote = new FieldWorkRepository.RemoteSession(sessionId, ticketId, tool, reference, by, at, null,
                    null, null);
            return visits.insertRemote(session, remote).chain(() -> append(session, e, by, at)).replaceWith(remote);
        });
    }

    public Uni<FieldWorkRepository.RemoteSession> endRemote(Mutiny.Session session, UUID ticketId, UUID sessionId,
            String summary, String by, boolean supervisor) {
        Instant at = clock.instant();
        return ticket(session, ticketId).chain(ticket -> visits.remoteSession(session, ticketId, sessionId)
                .chain(found -> {
                    var remote = found.orElseThrow(() -> Rejection.notFound("sessionId", "no remote session "
                            + sessionId + " on ticket " + ticketId));
                    RemoteSessionEnded e = FieldWorkDecider.endRemote(ticket, sessionId, remote.startedBy(),
                            remote.endedAt() != null, summary, by, supervisor, at);
                    var ended = new FieldWorkRepository.RemoteSession(sessionId, ticketId, remote.tool(),
                            remote.reference(), remote.startedBy(), remote.startedAt(), by, at, summary);
                    return visits.endRemote(session, sessionId, by, at, summary)
                            .chain(() -> append(session, e, by, at)).replaceWith(ended);
                }));
    }

    private Uni<RoutedTicket> ticket(Mutiny.Session session, UUID ticketId) {
        return tickets.find(session, ticketId).map(found -> found.orElseThrow(() -> Rejection.notFound("ticketId",
                "the router has not seen ticket " + ticketId)));
    }

    private Uni<Visit> visit(Mutiny.Session session, UUID ticketId, UUID visitId) {
        return visits.visit(session, ticketId, visitId).map(found -> found.orElseThrow(() -> Rejection.notFound(
                "visitId", "no visit " + visitId + " on ticket " + ticketId)));
    }

    private Uni<Void> engineer(Mutiny.Session session, String engineer) {
        return tickets.agentTier(session, engineer).invoke(tier -> {
            if (tier.isEmpty()) {
                throw Rejection.notAllowedNow("engineer", "there is no agent '" + engineer + "' in the directory");
            }
        }).replaceWithVoid();
    }

    private Uni<Void> append(Mutiny.Session session, RoutingEvent event, String by, Instant at) {
        return store.append(session, Router.STREAM, event.ticketId().toString(), ExpectedVersion.ANY, List.of(event),
                EventMetadata.actor(by), at).replaceWithVoid();
    }

    private static Visit with(Visit v, Visit.State state, VisitOutcome outcome, String note, Instant startedAt,
            Instant completedAt) {
        return new Visit(v.visitId(), v.ticketId(), v.place(), v.engineer(), v.from(), v.to(), v.address(), state,
                outcome, note, startedAt, completedAt);
    }
}
