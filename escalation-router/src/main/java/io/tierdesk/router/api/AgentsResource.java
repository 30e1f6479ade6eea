package io.tierdesk.router.api;

import io.tierdesk.rules.TierParam;
import jakarta.ws.rs.QueryParam;
import io.tierdesk.eventing.api.Paging;
import io.tierdesk.eventing.domain.Limits;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tierdesk.events.agent.AgentProfile;
import io.tierdesk.events.agent.Presence;
import io.tierdesk.events.routing.Tier;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.router.application.AgentDirectory;
import io.tierdesk.router.application.RoutingRepository;
import io.tierdesk.router.application.AgentDirectory.Agent;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import io.tierdesk.router.application.LoadSnapshot;

/** The agent directory and presence. */
@Path("/api/v1/agents")
public class AgentsResource {
    public record AgentRequest(String name, String email, String tier, List<String> skills, Integer capacity,
            String supervisor, List<String> languages) {
    }

    public record PresenceRequest(String presence) {
    }

    public record WorkItem(UUID ticketId, String priority, String tier, String state, Instant slaDueAt, boolean owner) {
    }

    public record AgentLoadView(String agentId, String tier, String presence, int active, int capacity,
            double utilisation) {
    }

    private final Mutiny.SessionFactory sessions;
    private final AgentDirectory directory;
    private final SecurityIdentity identity;

    private final RoutingRepository tickets;

    public AgentsResource(Mutiny.SessionFactory sessions, AgentDirectory directory, SecurityIdentity identity,
            RoutingRepository tickets) {
        this.tickets = tickets;
        this.sessions = sessions;
        this.directory = directory;
        this.identity = identity;
    }

    @PUT
    @Path("{agentId}")
    @RolesAllowed({"supervisor", "admin"})
    public Uni<Agent> put(@PathParam("agentId") String agentId, AgentRequest request) {
        AgentProfile profile = profile(agentId, request);
        String by = identity.getPrincipal().getName();
        return sessions.withTransaction(session -> directory.put(session, agentId, profile, by));
    }

    @GET
    @Path("{agentId}")
    @RolesAllowed({"agent", "supervisor", "admin"})
    public Uni<Agent> get(@PathParam("agentId") String agentId) {
        return sessions.withSession(session -> directory.find(session, agentId))
                .onItem().ifNull().failWith(() -> Rejection.notFound("agentId", "no agent " + agentId));
    }

    @GET
    @RolesAllowed({"agent", "supervisor", "admin"})
    public Uni<List<Agent>> list(@QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        Paging page = Paging.of(limit, offset);
        return sessions.withSession(session -> directory.list(session, page));
    }

    @GET
    @Path("{agentId}/worklist")
    @RolesAllowed({"agent", "supervisor", "admin"})
    public Uni<List<WorkItem>> worklist(@PathParam("agentId") String agentId, @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset) {
        Paging page = Paging.of(limit, offset);
        return sessions.withSession(session -> tickets.worklist(session, agentId, page))
                .map(list -> list.stream().map(t -> new WorkItem(t.ticketId(), t.priority().name(), t.tier().name(),
                        t.state().wireName(), t.slaDueAt(), agentId.equals(t.owner()))).toList());
    }

    @GET
    @Path("load")
    @RolesAllowed({"agent", "supervisor", "admin"})
    public Uni<List<AgentLoadView>> load() {
        return sessions.withSession(LoadSnapshot::read)
                .map(snapshot -> snapshot.agents().stream().map(a -> new AgentLoadView(a.agentId(), a.tier().name(),
                        a.presence(), a.active(), a.capacity(), a.utilisation())).toList());
    }

    /** Agents set their own presence; supervisors and admins anyone's. */
    @POST
    @Path("{agentId}/presence")
    @RolesAllowed({"agent", "supervisor", "admin"})
    public Uni<Agent> presence(@PathParam("agentId") String agentId, PresenceRequest request) {
        String caller = identity.getPrincipal().getName();
        if (!caller.equals(agentId) && !identity.hasRole("supervisor") && !identity.hasRole("admin")) {
            throw Rejection.forbidden("own-presence", "agents set their own presence only");
        }
        Presence presence;
        try {
            presence = Presence.fromWire(request == null ? null : request.presence());
        } catch (IllegalArgumentException e) {
            throw Rejection.invalid("presence", "must be online, away or offline");
        }
        return sessions.withTransaction(session -> directory.setPresence(session, agentId, presence, caller));
    }


    private static AgentProfile profile(String agentId, AgentRequest request) {
        if (request == null) {
            throw Rejection.invalid("body", "is required");
        }
        Limits.max("agentId", agentId, Limits.NAME);
        Limits.max("name", request.name(), Limits.NAME);
        Limits.max("email", request.email(), Limits.NAME);
        Limits.max("supervisor", request.supervisor(), Limits.NAME);
        Limits.items("languages", request.languages(), 20, 20);
        Tier tier = TierParam.parse(request.tier(), "tier", "must be L1, L2, L3 or L4");
        if (request.capacity() == null || request.capacity() < 1 || request.capacity() > 1000) {
            throw Rejection.invalid("capacity", "must be 1 to 1000 active tickets");
        }
        List<String> skills = Limits.items("skills", request.skills(), 100, 100);
        return new AgentProfile(request.name(), request.email(), tier, skills, request.capacity(),
                request.supervisor(), request.languages());
    }
}
