package io.tierdesk.intake.api;

import static io.tierdesk.eventing.store.SqlTime.instant;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.tierdesk.events.EventJson;
import io.tierdesk.eventing.api.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** The agents' view of a ticket and its journal, read from the projection. */
@Path("/api/v1/tickets/{ticketId}")
@RolesAllowed({"agent", "supervisor"})
public class TicketViewResource {
    public record TicketView(UUID ticketId, String number, String status, String channel, JsonNode customer,
            String plan, String subject, String body, JsonNode diagnostics, String category, String statedUrgency,
            String priority, String tier, String owner, String assignee, JsonNode sla, Instant slaDueAt,
            JsonNode suggestedArticles, UUID repeatOf, long version, Instant openedAt, Instant updatedAt,
            Instant resolvedAt, Instant closedAt, JsonNode solution, JsonNode satisfaction) {
    }

    public record TimelineEntry(long position, String eventId, String source, String type, String actor,
            Instant occurredAt, JsonNode data) {
    }

    /** The ticket's own facts joined with what routing, SLA and knowledge said about it; one row per ticket. */
    static final String VIEW = "SELECT v.ticket_id AS ticket_id, v.number AS number, v.status AS status, "
            + "v.channel AS channel, CAST(v.customer AS text) AS customer, v.plan AS plan, v.subject AS subject, "
            + "v.body AS body, CAST(v.diagnostics AS text) AS diagnostics, COALESCE(v.category, r.category) AS category, "
            + "v.stated_urgency AS stated_urgency, r.priority AS priority, r.tier AS tier, r.owner AS owner, "
            + "r.assignee AS assignee, "
            + "(SELECT CAST(jsonb_object_agg(c.clock, jsonb_build_object('state', c.state, 'policy', c.policy, "
            + "'dueAt', c.due_at)) AS text) FROM ticket_sla_clock c WHERE c.ticket_id = v.ticket_id) AS sla, "
            + "(SELECT min(c.due_at) FROM ticket_sla_clock c WHERE c.ticket_id = v.ticket_id "
            + "AND c.state IN ('running', 'warning')) AS sla_due_at, CAST(s.articles AS text) AS suggested_articles, "
            + "v.repeat_of AS repeat_of, v.version AS version, v.opened_at AS opened_at, v.updated_at AS updated_at, "
            + "v.resolved_at AS resolved_at, v.closed_at AS closed_at, v.customer_id AS customer_id, "
            + "CAST(v.solution AS text) AS solution, CAST(v.satisfaction AS text) AS satisfaction "
            + "FROM ticket_view v LEFT JOIN ticket_routing r ON r.ticket_id = v.ticket_id "
            + "LEFT JOIN ticket_suggestion s ON s.ticket_id = v.ticket_id";

    private final Mutiny.SessionFactory sessions;

    public TicketViewResource(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    @GET
    public Uni<Response> get(@PathParam("ticketId") UUID ticketId) {
        return sessions.withSession(session -> session.<Object[]>createNativeQuery(VIEW
                        + " WHERE v.ticket_id = ?1").setParameter(1, ticketId).getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        throw new ProblemException(404, "Ticket not found", "no ticket " + ticketId, List.of());
                    }
                    TicketView view = toView(rows.get(0));
                    return Response.ok(view).tag(Versions.etag(view.version())).build();
                });
    }

    @GET
    @Path("timeline")
    public Uni<List<TimelineEntry>> timeline(@PathParam("ticketId") UUID ticketId) {
        return sessions.withSession(session -> session.<Object[]>createNativeQuery("SELECT position, event_id, source, "
                        + "type, actor, occurred_at, CAST(data AS text) FROM ticket_timeline WHERE ticket_id = ?1 "
                        + "ORDER BY occurred_at, position").setParameter(1, ticketId).getResultList())
                .map(rows -> rows.stream().map(r -> new TimelineEntry(((Number) r[0]).longValue(), (String) r[1],
                        (String) r[2], (String) r[3], (String) r[4], instant(r[5]), json(r[6]))).toList());
    }

    static TicketView toView(Object[] r) {
        return new TicketView((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], json(r[4]), (String) r[5],
                (String) r[6], (String) r[7], json(r[8]), (String) r[9], (String) r[10], (String) r[11],
                (String) r[12], (String) r[13], (String) r[14], json(r[15]), instant(r[16]), json(r[17]), (UUID) r[18],
                ((Number) r[19]).longValue(), instant(r[20]), instant(r[21]), instant(r[22]), instant(r[23]),
                json(r[25]), json(r[26]));
    }

    static JsonNode json(Object text) {
        try {
            return text == null ? null : EventJson.mapper().readTree((String) text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
