package io.tierdesk.intake.projection;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.api.Paging;
import io.tierdesk.eventing.store.KeysetCursor;
import io.tierdesk.eventing.store.SqlRows;
import io.tierdesk.eventing.store.SqlRows.Row;
import io.tierdesk.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** The agents' view of tickets as the projection keeps it: one ticket, its journal, and the filtered list. */
@ApplicationScoped
public class TicketViews {
    public record TicketView(UUID ticketId, String number, String status, String channel, JsonNode customer,
            String plan, String subject, String body, JsonNode diagnostics, String category, String statedUrgency,
            String priority, String tier, String owner, String assignee, JsonNode sla, Instant slaDueAt,
            JsonNode suggestedArticles, UUID repeatOf, long version, Instant openedAt, Instant updatedAt,
            Instant resolvedAt, Instant closedAt, JsonNode solution, JsonNode satisfaction, JsonNode alert) {
    }

    public record TimelineEntry(long position, String eventId, String source, String type, String actor,
            Instant occurredAt, JsonNode data) {
    }

    public record Page(List<TicketView> items, String nextCursor) {
    }

    /** What the list is narrowed to; a null field narrows nothing. Values are already validated. */
    public record Filter(String status, String tier, String priority, String channel, String owner, String assignee,
            String customer, String text) {
    }

    /** A sort order: the key expression, its SQL type for the cursor, and the direction. */
    public enum Sort {
        UPDATED("t.updated_at", "timestamptz", false),
        PRIORITY("COALESCE(t.priority, 'P9')", "text", true),
        SLA_DUE("COALESCE(t.sla_due_at, 'infinity'::timestamptz)", "timestamptz", true);

        final String key;
        final String type;
        final boolean ascending;

        Sort(String key, String type, boolean ascending) {
            this.key = key;
            this.type = type;
            this.ascending = ascending;
        }
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
            + "CAST(v.solution AS text) AS solution, CAST(v.satisfaction AS text) AS satisfaction, "
            // A monitored failure's ticket: its alert and how often it was raised (kept by the command side).
            + "(SELECT CAST(jsonb_build_object('alertKey', a.alert_key, 'object', a.object, 'severity', a.severity, "
            + "'raised', a.raised, 'firstRaisedAt', a.first_raised_at, 'lastRaisedAt', a.last_raised_at, "
            + "'clearedAt', a.cleared_at) AS text) FROM alert_ticket a WHERE a.ticket_id = v.ticket_id LIMIT 1) AS alert "
            + "FROM ticket_view v LEFT JOIN ticket_routing r ON r.ticket_id = v.ticket_id "
            + "LEFT JOIN ticket_suggestion s ON s.ticket_id = v.ticket_id";

    private final Mutiny.SessionFactory sessions;

    public TicketViews(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    public Uni<Optional<TicketView>> find(UUID ticketId) {
        return sessions.withSession(session -> SqlRows.first(session, VIEW + " WHERE v.ticket_id = ?1", ticketId))
                .map(row -> Optional.ofNullable(row).map(TicketViews::toView));
    }

    public Uni<List<TimelineEntry>> timeline(UUID ticketId, Paging page) {
        return sessions.withSession(session -> SqlRows.select(session, """
                        SELECT position, event_id, source, type, actor, occurred_at, CAST(data AS text) AS data
                        FROM ticket_timeline WHERE ticket_id = ?1 ORDER BY occurred_at, position""" + page.sql(),
                        ticketId))
                .map(rows -> rows.stream().map(r -> new TimelineEntry(r.number("position"), r.text("event_id"),
                        r.text("source"), r.text("type"), r.text("actor"), r.instant("occurred_at"),
                        json(r.text("data")))).toList());
    }

    /** A page of the list in the sort's order, after the cursor's ticket when there is one (no OFFSET). */
    public Uni<Page> list(Filter filter, Sort sort, int limit, KeysetCursor after) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        equal(where, params, "t.status", filter.status());
        equal(where, params, "t.tier", filter.tier());
        equal(where, params, "t.priority", filter.priority());
        equal(where, params, "t.channel", filter.channel());
        equal(where, params, "t.owner", filter.owner());
        equal(where, params, "t.assignee", filter.assignee());
        equal(where, params, "t.customer_id", filter.customer());
        if (filter.text() != null && !filter.text().isBlank()) {
            params.add("%" + filter.text().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                    + "%");
            where.add("(t.subject ILIKE ?" + params.size() + " OR t.body ILIKE ?" + params.size() + ")");
        }
        if (after != null) {
            params.add(after.key());
            params.add(after.id());
            where.add("(" + sort.key + ", t.ticket_id) " + (sort.ascending ? ">" : "<") + " (CAST(CAST(?"
                    + (params.size() - 1) + " AS text) AS " + sort.type + "), ?" + params.size() + ")");
        }
        String direction = sort.ascending ? " ASC" : " DESC";
        String sql = "SELECT t.*, CAST(" + sort.key + " AS text) AS sort_key FROM (" + VIEW + ") t"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY " + sort.key + direction + ", t.ticket_id" + direction + " LIMIT " + (limit + 1);
        return sessions.withSession(session -> SqlRows.select(session, sql, params.toArray())).map(rows -> {
            boolean more = rows.size() > limit;
            List<Row> page = more ? rows.subList(0, limit) : rows;
            String next = null;
            if (more) {
                Row last = page.get(page.size() - 1);
                next = new KeysetCursor(last.text("sort_key"), last.uuid("ticket_id")).encode();
            }
            return new Page(page.stream().map(TicketViews::toView).toList(), next);
        });
    }

    private static void equal(List<String> where, List<Object> params, String column, String value) {
        if (value != null && !value.isBlank()) {
            params.add(value);
            where.add(column + " = ?" + params.size());
        }
    }

    static TicketView toView(Row r) {
        return new TicketView(r.uuid("ticket_id"), r.text("number"), r.text("status"), r.text("channel"),
                json(r.text("customer")), r.text("plan"), r.text("subject"), r.text("body"),
                json(r.text("diagnostics")), r.text("category"), r.text("stated_urgency"), r.text("priority"),
                r.text("tier"), r.text("owner"), r.text("assignee"), json(r.text("sla")), r.instant("sla_due_at"),
                json(r.text("suggested_articles")), r.uuid("repeat_of"), r.number("version"), r.instant("opened_at"),
                r.instant("updated_at"), r.instant("resolved_at"), r.instant("closed_at"), json(r.text("solution")),
                json(r.text("satisfaction")), json(r.text("alert")));
    }

    static JsonNode json(String text) {
        try {
            return text == null ? null : EventJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
