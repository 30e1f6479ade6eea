package io.tierdesk.router.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.api.Problem;
import io.tierdesk.eventing.api.ProblemException;
import io.tierdesk.router.application.Router;
import io.tierdesk.router.domain.RoutingRules;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/** The routing rules in force; each PUT is a new version, an invalid set is refused and the old one stays. */
@Path("/api/v1/routing-rules")
public class RoutingRulesResource {
    public record RulesRequest(List<RoutingRules.Rule> rules) {
    }

    private final Mutiny.SessionFactory sessions;
    private final Router router;
    private final SecurityIdentity identity;

    public RoutingRulesResource(Mutiny.SessionFactory sessions, Router router, SecurityIdentity identity) {
        this.sessions = sessions;
        this.router = router;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({"agent", "supervisor", "admin"})
    public Uni<RoutingRules> get() {
        return sessions.withSession(router::rules);
    }

    @PUT
    @RolesAllowed({"supervisor", "admin"})
    public Uni<RoutingRules> put(RulesRequest request) {
        if (request == null || request.rules() == null) {
            throw ProblemException.badRequest("rules", "is required");
        }
        List<String> problems = new RoutingRules(0, request.rules()).problems();
        if (!problems.isEmpty()) {
            throw new ProblemException(400, "Invalid routing rules", String.join("; ", problems),
                    problems.stream().map(p -> new Problem.FieldError(p.substring(0, p.indexOf(':')),
                            p.substring(p.indexOf(':') + 2))).toList());
        }
        String by = identity.getPrincipal().getName();
        return sessions.withTransaction(session -> router.saveRules(session, request.rules(), by));
    }
}
