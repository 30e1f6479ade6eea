package io.tierdesk.intake.api;

import io.tierdesk.eventing.api.Versions;
import jakarta.ws.rs.QueryParam;
import io.tierdesk.eventing.api.Paging;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.tierdesk.events.EventJson;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.eventing.store.SqlRows;
import io.tierdesk.eventing.store.SqlRows.Row;
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
        return sessions.withSession(session -> SqlRows.first(session, VIEW + " WHERE v.ticket_id = ?1", ticketId))
                .map(row -> {
                    if (row == null) {
                        throw Rejection.notFound("ticketId", "no ticket " + ticketId);
                    }
                    TicketView view = toView(row);
                    return Response.ok(view).tag(Versions.etag(view.version())).build();
                });
    }

    @GET
    @Path("timeline")
    public Uni<List<TimelineEntry>> timeline(@PathParam("ticketId") UUID ticketId, @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset) {
        Paging page = Paging.of(limit, offset);
        return sessions.withSession(session -> SqlRows.select(session, """
                        SELECT position, event_id, source, type, actor, occurred_at, CAST(data AS text) AS data
                        FROM ticket_timeline WHERE ticket_id = ?1 ORDER BY occurred_at, position""" + page.sql(),
                        ticketId))
                .map(rows -> rows.stream().map(r -> new TimelineEntry(r.number("position"), r.text("event_id"),
                        r.text("source"), r.text("type"), r.text("actor"), r.instant("occurred_at"),
                        json(r.text("data")))).toList());
    }

    static TicketView toView(Row r) {
        return new TicketView(r.uuid("ticket_id"), r.text("number"), r.text("status"), r.text("channel"),
                json(r.text("customer")), r.text("plan"), r.text("subject"), r.text("body"),
                json(r.text("diagnostics")), r.text("category"), r.text("stated_urgency"), r.text("priority"),
                r.text("tier"), r.text("owner"), r.text("assignee"), json(r.text("sla")), r.instant("sla_due_at"),
                json(r.text("suggested_articles")), r.uuid("repeat_of"), r.number("version"), r.instant("opened_at"),
                r.instant("updated_at"), r.instant("resolved_at"), r.instant("closed_at"), json(r.text("solution")),
                json(r.text("satisfaction")));
    }

    static JsonNode json(String text) {
        try {
            return text == null ? null : EventJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
