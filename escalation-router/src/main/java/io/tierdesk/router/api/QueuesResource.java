package io.tierdesk.router.api;

import io.tierdesk.rules.TierParam;
import jakarta.ws.rs.QueryParam;
import io.tierdesk.eventing.api.Paging;
import io.smallrye.mutiny.Uni;
import io.tierdesk.events.routing.Tier;
import io.tierdesk.router.application.LoadSnapshot;
import io.tierdesk.router.application.RoutingRepository;
import io.tierdesk.router.domain.QueuedTicket;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** The lines at a glance, and the tickets waiting in a line's queue in the order they will be assigned. */
@Path("/api/v1/queues")
@RolesAllowed({"agent", "supervisor", "admin"})
public class QueuesResource {
    public record QueueEntry(int position, UUID ticketId, String priority, String skill, Instant slaDueAt,
            Instant queuedAt) {
    }

    /** A line now: its queue and its online agents' load. */
    public record LineView(String tier, long waiting, Instant oldestQueuedAt, int onlineAgents, long active,
            long capacity, double utilisation) {
    }

    private final Mutiny.SessionFactory sessions;
    private final RoutingRepository tickets;

    public QueuesResource(Mutiny.SessionFactory sessions, RoutingRepository tickets) {
        this.sessions = sessions;
        this.tickets = tickets;
    }

    @GET
    public Uni<List<LineView>> lines() {
        return sessions.withSession(LoadSnapshot::read)
                .map(snapshot -> snapshot.lines().values().stream().map(l -> new LineView(l.tier().name(), l.waiting(),
                        l.oldestQueuedAt(), l.onlineAgents(), l.active(), l.capacity(), l.utilisation())).toList());
    }

    @GET
    @Path("{tier}")
    public Uni<List<QueueEntry>> queue(@PathParam("tier") String tier, @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset) {
        Tier line = TierParam.parse(tier, "tier", "must be L1, L2, L3 or L4");
        Paging page = Paging.of(limit, offset);
        return sessions.withSession(session -> tickets.queue(session, line, page)).map(queue -> {
            List<QueueEntry> entries = new ArrayList<>(queue.size());
            for (QueuedTicket t : queue) {
                entries.add(new QueueEntry(page.offset() + entries.size() + 1, t.ticketId(), t.priority().name(), t.skill(),
                        t.slaDueAt(), t.queuedAt()));
            }
            return entries;
        });
    }
}
