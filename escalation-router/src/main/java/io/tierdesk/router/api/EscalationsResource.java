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

/** Moving a ticket between the lines by hand: escalation up, return down to the owner's line. */
@Path("/api/v1/tickets/{ticketId}")
@RolesAllowed({"agent", "supervisor"})
public class EscalationsResource {
    public record EscalationRequest(String targetTier, String reason, String note) {
    }

    public record ReturnRequest(String note) {
    }

    private final Mutiny.SessionFactory sessions;
    private final Router router;
    private final SecurityIdentity identity;

    public EscalationsResource(Mutiny.SessionFactory sessions, Router router, SecurityIdentity identity) {
        this.sessions = sessions;
        this.router = router;
        this.identity = identity;
    }

    @POST
    @Path("escalations")
    public Uni<Map<String, Object>> escalate(@PathParam("ticketId") UUID ticketId, EscalationRequest request) {
        if (request == null || request.reason() == null || request.reason().isBlank()) {
            throw ProblemException.badRequest("reason", "is required");
        }
        Tier target;
        try {
            target = Tier.valueOf(String.valueOf(request.targetTier()));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("targetTier", "must be L2, L3 or L4");
        }
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
