package io.tierdesk.router.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tierdesk.events.routing.Tier;
import io.tierdesk.eventing.api.Problem;
import io.tierdesk.eventing.api.ProblemException;
import io.tierdesk.eventing.api.ProblemMappers;
import io.tierdesk.router.application.Router;
import io.tierdesk.router.domain.Escalation;
import io.tierdesk.router.domain.EscalationRejected;
import io.tierdesk.eventing.store.EventStore;
import io.tierdesk.eventing.store.StoredEvent;
import jakarta.ws.rs.GET;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * One ticket's route: where it is (tier, queue position, owner, assignee, history), and moving it between the lines
 * by hand — escalation up, return down to the owner's line. One resource, because JAX-RS picks the root resource by
 * its longest path: a second class under /api/v1 could not serve /api/v1/tickets/{id}/routing.
 */
@Path("/api/v1/tickets/{ticketId}")
@RolesAllowed({"agent", "supervisor"})
public class TicketRoutingResource {
    public record EscalationRequest(String targetTier, String reason, String note) {
    }

    public record ReturnRequest(String note) {
    }

    public record TriageRequest(String impact, String urgency, String category) {
    }

    public record AssignmentRequest(String agentId) {
    }

    private static final String QUEUE_POSITION = "(SELECT count(*) FROM routed_ticket q WHERE q.tier = t.tier "
            + "AND q.state = 'queued' AND (q.priority, COALESCE(q.sla_due_at, 'infinity'), q.queued_at, q.ticket_id) "
            + "<= (t.priority, COALESCE(t.sla_due_at, 'infinity'), t.queued_at, t.ticket_id))";

    private final Mutiny.SessionFactory sessions;
    private final Router router;
    private final SecurityIdentity identity;
    private final EventStore store;

    public TicketRoutingResource(Mutiny.SessionFactory sessions, Router router, SecurityIdentity identity,
            EventStore store) {
        this.sessions = sessions;
        this.router = router;
        this.identity = identity;
        this.store = store;
    }

    public record TicketRoute(UUID ticketId, String tier, String priority, String owner, String assignee,
            String state, Integer queuePosition, List<StoredEvent<Object>> history) {
    }

    @GET
    @Path("routing")
    @RolesAllowed({"agent", "supervisor", "admin"})
    public Uni<TicketRoute> route(@PathParam("ticketId") UUID ticketId) {
        return sessions.withSession(session -> session.<Object[]>createNativeQuery("SELECT tier, priority, owner, "
                        + "assignee, state, " + QUEUE_POSITION + " FROM routed_ticket t WHERE ticket_id = ?1").setParameter(1, ticketId).getResultList()
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().failure(new ProblemException(404, "Ticket not found",
                                "the router has not seen ticket " + ticketId, List.of()));
                    }
                    Object[] r = rows.get(0);
                    return store.load(session, ticketId.toString()).map(history -> new TicketRoute(ticketId,
                            (String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                            "queued".equals(r[4]) ? ((Number) r[5]).intValue() : null, history));
                }));
    }

    /** L1 re-triages with what it learned; any field left out keeps its value. */
    @POST
    @Path("triage")
    public Uni<Map<String, Object>> triage(@PathParam("ticketId") UUID ticketId, TriageRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("body", "is required");
        }
        io.tierdesk.router.domain.Impact impact = parse("impact", request.impact(),
                io.tierdesk.router.domain.Impact::fromWire);
        io.tierdesk.events.ticket.Urgency urgency = parse("urgency", request.urgency(),
                io.tierdesk.events.ticket.Urgency::fromWire);
        if (request.category() != null && (request.category().isBlank() || request.category().length() > 100)) {
            throw ProblemException.badRequest("category", "must be 1 to 100 characters");
        }
        String by = identity.getPrincipal().getName();
        return sessions.withTransaction(session -> router.retriage(session, ticketId, impact, urgency,
                        request.category(), by))
                .map(priority -> Map.of("ticketId", ticketId, "priority", priority));
    }

    /**
     * Assigns the ticket to an agent of its tier ({@code agentId} omitted: the caller takes it). May put the agent
     * over capacity; automatic assignment then passes them by until they are below it.
     */
    @POST
    @Path("assignment")
    public Uni<Map<String, Object>> assign(@PathParam("ticketId") UUID ticketId, AssignmentRequest request) {
        String by = identity.getPrincipal().getName();
        String agentId = request == null || request.agentId() == null ? by : request.agentId();
        if (!agentId.equals(by) && !identity.hasRole("supervisor")) {
            throw new ProblemException(403, "Forbidden", "agents take tickets for themselves; supervisors assign",
                    List.of());
        }
        return sessions.withTransaction(session -> router.assignManually(session, ticketId, agentId, by))
                .replaceWith(Map.of("ticketId", ticketId, "assignee", agentId));
    }

    private static <T> T parse(String field, String value, java.util.function.Function<String, T> parser) {
        try {
            return value == null ? null : parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field, e.getMessage());
        }
    }

    @POST
    @Path("escalations")
    public Uni<Map<String, Object>> escalate(@PathParam("ticketId") UUID ticketId, EscalationRequest request) {
        if (request == null || request.reason() == null || request.reason().isBlank()) {
            throw ProblemException.badRequest("reason", "is required");
        }
        Tier target = TierParam.parse(request.targetTier(), "targetTier", "must be L2, L3 or L4");
        boolean supervisor = identity.hasRole("supervisor");
        String by = identity.getPrincipal().getName();
        return sessions.withTransaction(session -> router.move(session, ticketId, from -> {
                    Escalation.checkEscalation(from, target, supervisor);
                    return target;
                }, request.reason(), request.note(), by))
                .map(tier -> Map.of("ticketId", ticketId, "tier", tier));
    }

    @POST
    @Path("returns")
    public Uni<Map<String, Object>> giveBack(@PathParam("ticketId") UUID ticketId, ReturnRequest request) {
        String by = identity.getPrincipal().getName();
        return sessions.withTransaction(session -> router.move(session, ticketId,
                        from -> Escalation.returnTarget(from, Tier.L1), "returned",
                        request == null ? null : request.note(), by))
                .map(tier -> Map.of("ticketId", ticketId, "tier", tier));
    }

    @ServerExceptionMapper
    public Response rejected(EscalationRejected e) {
        return ProblemMappers.respond(new Problem("https://tierdesk.io/problems/invalid-escalation",
                "Not possible between these lines", 409, e.getMessage(),
                List.of(new Problem.FieldError("targetTier", e.getMessage()))));
    }
}
