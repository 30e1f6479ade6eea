package io.tierdesk.router.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.api.Problem;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.router.application.RoutingRepository;
import io.tierdesk.router.domain.RoutingRules;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;
import java.time.Clock;

/** The routing rules in force; each PUT is a new version, an invalid set is refused and the old one stays. */
@Path("/api/v1/routing-rules")
public class RoutingRulesResource {
    public record RulesRequest(List<RoutingRules.Rule> rules) {
    }

    private final Mutiny.SessionFactory sessions;
    private final Clock clock;
    private final SecurityIdentity identity;
    private final RoutingRepository tickets;

    public RoutingRulesResource(Mutiny.SessionFactory sessions, Clock clock, SecurityIdentity identity,
            RoutingRepository tickets) {
        this.tickets = tickets;
        this.sessions = sessions;
        this.clock = clock;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({"agent", "supervisor", "admin"})
    public Uni<RoutingRules> get() {
        return sessions.withSession(tickets::rules);
    }

    @PUT
    @RolesAllowed({"supervisor", "admin"})
    public Uni<RoutingRules> put(RulesRequest request) {
        if (request == null || request.rules() == null) {
            throw Rejection.invalid("rules", "is required");
        }
        List<String> problems = new RoutingRules(0, request.rules()).problems();
        if (!problems.isEmpty()) {
            throw new Rejection(Rejection.Kind.INVALID, problems.stream().map(p -> new Rejection.Violation(
                    p.substring(0, p.indexOf(':')), p.substring(p.indexOf(':') + 2))).toList(),
                    "invalid-routing-rules", "Invalid routing rules");
        }
        String by = identity.getPrincipal().getName();
        return sessions.withTransaction(session -> tickets.saveRules(session, request.rules(), by, clock.instant()));
    }
}
