package io.tierdesk.sla.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.sla.application.SlaSettings;
import io.tierdesk.sla.domain.PolicyDraft;
import io.tierdesk.sla.domain.SlaPolicy;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.hibernate.reactive.mutiny.Mutiny;

/** The SLA policy of each support plan; each PUT is a new version and applies to clocks that start afterwards. */
@Path("/api/v1/policies")
public class PoliciesResource {
    /** A policy as the API shows it: its plan and version beside the fields of its draft. */
    public record PolicyView(String plan, long version, String calendar, String defaultPriority,
            List<Double> warnings, Map<String, PolicyDraft.TargetsDraft> targets) {
        static PolicyView of(SlaPolicy policy) {
            PolicyDraft d = PolicyDraft.of(policy);
            return new PolicyView(policy.plan(), policy.version(), d.calendar(), d.defaultPriority(), d.warnings(),
                    d.targets());
        }
    }

    private final Mutiny.SessionFactory sessions;
    private final SlaSettings settings;
    private final SecurityIdentity identity;
    private final Clock clock;

    public PoliciesResource(Mutiny.SessionFactory sessions, SlaSettings settings, SecurityIdentity identity,
            Clock clock) {
        this.sessions = sessions;
        this.settings = settings;
        this.identity = identity;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({"agent", "supervisor", "admin"})
    public Uni<List<PolicyView>> list() {
        return sessions.withSession(settings::policies).map(all -> all.stream().map(PolicyView::of).toList());
    }

    @GET
    @Path("{plan}")
    @RolesAllowed({"agent", "supervisor", "admin"})
    public Uni<PolicyView> get(@PathParam("plan") String plan) {
        return sessions.withSession(session -> settings.policy(session, plan)).map(found -> PolicyView.of(
                found.orElseThrow(() -> Rejection.notFound("plan", "no policy for " + plan))));
    }

    @PUT
    @Path("{plan}")
    @RolesAllowed({"supervisor", "admin"})
    public Uni<PolicyView> put(@PathParam("plan") String plan, PolicyDraft draft) {
        String by = identity.getPrincipal().getName();
        return sessions.withTransaction(session -> settings.savePolicy(session, plan, draft, by, clock.instant()))
                .map(PolicyView::of);
    }
}
