package io.tierdesk.router.api;

import static io.tierdesk.eventing.store.SqlTime.instant;
import io.smallrye.mutiny.Uni;
import io.tierdesk.router.application.LoadSnapshot;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.Instant;
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

    private static final String QUEUE_ORDER = "ORDER BY priority, sla_due_at NULLS LAST, queued_at, ticket_id";

    private final Mutiny.SessionFactory sessions;

    public QueuesResource(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    @GET
    public Uni<List<LineView>> lines() {
        return sessions.withSession(LoadSnapshot::read)
                .map(snapshot -> snapshot.lines().values().stream().map(l -> new LineView(l.tier().name(), l.waiting(),
                        l.oldestQueuedAt(), l.onlineAgents(), l.active(), l.capacity(), l.utilisation())).toList());
    }

    @GET
    @Path("{tier}")
    public Uni<List<QueueEntry>> queue(@PathParam("tier") String tier) {
        String line = TierParam.parse(tier, "tier", "must be L1, L2, L3 or L4").name();
        return sessions.withSession(session -> session.<Object[]>createNativeQuery("SELECT ticket_id, priority, skill, "
                        + "sla_due_at, queued_at FROM routed_ticket WHERE tier = ?1 AND state = 'queued' " + QUEUE_ORDER)
                .setParameter(1, line).getResultList())
                .map(rows -> {
                    java.util.List<QueueEntry> entries = new java.util.ArrayList<>();
                    for (int i = 0; i < rows.size(); i++) {
                        Object[] r = rows.get(i);
                        entries.add(new QueueEntry(i + 1, (UUID) r[0], (String) r[1], (String) r[2], instant(r[3]),
                                instant(r[4])));
                    }
                    return entries;
                });
    }

}
