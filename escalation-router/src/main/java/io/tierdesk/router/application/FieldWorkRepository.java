package io.tierdesk.router.application;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.store.AdvisoryLocks;
import io.tierdesk.eventing.store.SqlRows;
import io.tierdesk.events.routing.VisitOutcome;
import io.tierdesk.events.routing.VisitPlace;
import io.tierdesk.router.domain.Visit;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** The SQL of visits and remote sessions. */
@ApplicationScoped
public class FieldWorkRepository {
    private static final String VISIT = """
            SELECT visit_id, ticket_id, place, engineer, starts_at, ends_at, address, state, outcome, note, started_at,
                completed_at FROM visit""";

    /** A remote-access session as stored. */
    public record RemoteSession(UUID sessionId, UUID ticketId, String tool, String reference, String startedBy,
            Instant startedAt, String endedBy, Instant endedAt, String summary) {
    }

    /** Bookings of these engineers are decided one at a time (several in one order, so two never wait in a circle). */
    Uni<Void> lockEngineers(Mutiny.Session session, List<String> engineers) {
        return AdvisoryLocks.lockAll(session, engineers.stream().map(e -> "engineer:" + e).toList());
    }

    Uni<Optional<Visit>> visit(Mutiny.Session session, UUID ticketId, UUID visitId) {
        return SqlRows.first(session, VISIT + " WHERE visit_id = ?1 AND ticket_id = ?2", visitId, ticketId)
                .map(row -> Optional.ofNullable(row).map(FieldWorkRepository::visit));
    }

    public Uni<List<Visit>> ofTicket(Mutiny.Session session, UUID ticketId) {
        return SqlRows.select(session, VISIT + " WHERE ticket_id = ?1 ORDER BY starts_at, visit_id", ticketId)
                .map(rows -> rows.stream().map(FieldWorkRepository::visit).toList());
    }

    /** The engineer's visits that meet [from, to), any state, by start. */
    public Uni<List<Visit>> ofEngineer(Mutiny.Session session, String engineer, Instant from, Instant to) {
        return SqlRows.select(session, VISIT + " WHERE engineer = ?1 AND starts_at < ?3 AND ends_at > ?2 "
                + "ORDER BY starts_at, visit_id", engineer, from, to)
                .map(rows -> rows.stream().map(FieldWorkRepository::visit).toList());
    }

    Uni<Void> insert(Mutiny.Session session, Visit v, String by, Instant at) {
        return SqlRows.execute(session, """
                        INSERT INTO visit (visit_id, ticket_id, place, engineer, starts_at, ends_at, address, state,
                            booked_by, booked_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)""",
                v.visitId(), v.ticketId(), v.place().wireName(), v.engineer(), v.from(), v.to(),
                SqlRows.nullable(v.address(), String.class), v.state().wireName(), by, at).replaceWithVoid();
    }

    Uni<Void> update(Mutiny.Session session, Visit v) {
        return SqlRows.execute(session, """
                        UPDATE visit SET engineer = ?2, starts_at = ?3, ends_at = ?4, state = ?5, outcome = ?6,
                            note = ?7, started_at = ?8, completed_at = ?9 WHERE visit_id = ?1""",
                v.visitId(), v.engineer(), v.from(), v.to(), v.state().wireName(),
                SqlRows.nullable(v.outcome() == null ? null : v.outcome().wireName(), String.class),
                SqlRows.nullable(v.note(), String.class), SqlRows.nullable(v.startedAt(), Instant.class),
                SqlRows.nullable(v.completedAt(), Instant.class)).replaceWithVoid();
    }

    Uni<Optional<RemoteSession>> remoteSession(Mutiny.Session session, UUID ticketId, UUID sessionId) {
        return SqlRows.first(session, "SELECT * FROM remote_session WHERE session_id = ?1 AND ticket_id = ?2",
                sessionId, ticketId).map(row -> Optional.ofNullable(row).map(FieldWorkRepository::remote));
    }

    public Uni<List<RemoteSession>> remoteSessions(Mutiny.Session session, UUID ticketId) {
        return SqlRows.select(session, "SELECT * FROM remote_session WHERE ticket_id = ?1 ORDER BY started_at",
                ticketId).map(rows -> rows.stream().map(FieldWorkRepository::remote).toList());
    }

    Uni<Void> insertRemote(Mutiny.Session session, RemoteSession r) {
        return SqlRows.execute(session, """
                        INSERT INTO remote_session (session_id, ticket_id, tool, reference, started_by, started_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6)""", r.sessionId(), r.ticketId(), r.tool(),
                SqlRows.nullable(r.reference(), String.class), r.startedBy(), r.startedAt()).replaceWithVoid();
    }

    Uni<Void> endRemote(Mutiny.Session session, UUID sessionId, String by, Instant at, String summary) {
        return SqlRows.execute(session, "UPDATE remote_session SET ended_by = ?2, ended_at = ?3, summary = ?4 "
                + "WHERE session_id = ?1", sessionId, by, at, SqlRows.nullable(summary, String.class)).replaceWithVoid();
    }

    private static Visit visit(SqlRows.Row r) {
        return new Visit(r.uuid("visit_id"), r.uuid("ticket_id"), VisitPlace.fromWire(r.text("place")),
                r.text("engineer"), r.instant("starts_at"), r.instant("ends_at"), r.text("address"),
                Visit.State.fromWire(r.text("state")), r.text("outcome") == null ? null
                        : VisitOutcome.fromWire(r.text("outcome")), r.text("note"), r.instant("started_at"),
                r.instant("completed_at"));
    }

    private static RemoteSession remote(SqlRows.Row r) {
        return new RemoteSession(r.uuid("session_id"), r.uuid("ticket_id"), r.text("tool"), r.text("reference"),
                r.text("started_by"), r.instant("started_at"), r.text("ended_by"), r.instant("ended_at"),
                r.text("summary"));
    }
}
