package io.tierdesk.intake.api;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.eventing.store.KeysetCursor;
import io.tierdesk.eventing.store.SqlRows;
import io.tierdesk.eventing.store.SqlRows.Row;
import io.tierdesk.events.routing.Priority;
import io.tierdesk.events.routing.Tier;
import io.tierdesk.events.ticket.Channel;
import io.tierdesk.intake.api.TicketViewResource.TicketView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The agents' ticket list: filters, three sort orders, keyset cursors (stable while tickets change, no OFFSET).
 */
@Path("/api/v1/tickets")
@RolesAllowed({"agent", "supervisor"})
public class TicketListResource {
    public static final int MAX_LIMIT = 200;
    private static final List<String> STATUSES = List.of("new", "open", "awaiting-customer", "resolved", "closed");

    public record Page(List<TicketView> items, String nextCursor) {
    }

    /** A sort order: the key expression, its SQL type for the cursor, and the direction. */
    enum Sort {
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

        static Sort parse(String value) {
            return switch (value) {
                case "updated" -> UPDATED;
                case "priority" -> PRIORITY;
                case "slaDue" -> SLA_DUE;
                default -> throw Rejection.invalid("sort", "must be updated, priority or slaDue");
            };
        }
    }

    private final Mutiny.SessionFactory sessions;

    public TicketListResource(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    @GET
    public Uni<Page> list(@QueryParam("status") String status, @QueryParam("tier") String tier,
            @QueryParam("owner") String owner, @QueryParam("assignee") String assignee,
            @QueryParam("priority") String priority, @QueryParam("channel") String channel,
            @QueryParam("customer") String customer, @QueryParam("q") String text,
            @QueryParam("sort") @DefaultValue("updated") String sortName,
            @QueryParam("limit") @DefaultValue("50") int limit, @QueryParam("cursor") String cursor) {
        Sort sort = Sort.parse(sortName);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw Rejection.invalid("limit", "must be 1 to " + MAX_LIMIT);
        }
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        equal(where, params, "t.status", oneOf("status", status, STATUSES));
        equal(where, params, "t.tier", oneOf("tier", tier, names(Tier.values())));
        equal(where, params, "t.priority", oneOf("priority", priority, names(Priority.values())));
        equal(where, params, "t.channel", channel == null ? null : channel(channel));
        equal(where, params, "t.owner", owner);
        equal(where, params, "t.assignee", assignee);
        equal(where, params, "t.customer_id", customer);
        if (text != null && !text.isBlank()) {
            params.add("%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            where.add("(t.subject ILIKE ?" + params.size() + " OR t.body ILIKE ?" + params.size() + ")");
        }
        KeysetCursor after = KeysetCursor.decode(cursor);
        if (after != null) {
            params.add(after.key());
            params.add(after.id());
            where.add("(" + sort.key + ", t.ticket_id) " + (sort.ascending ? ">" : "<") + " (CAST(CAST(?"
                    + (params.size() - 1) + " AS text) AS " + sort.type + "), ?" + params.size() + ")");
        }
        String direction = sort.ascending ? " ASC" : " DESC";
        String sql = "SELECT t.*, CAST(" + sort.key + " AS text) AS sort_key FROM (" + TicketViewResource.VIEW + ") t"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY " + sort.key + direction + ", t.ticket_id" + direction + " LIMIT " + (limit + 1);
        return sessions.withSession(session -> SqlRows.select(session, sql, params.toArray())).map(rows -> {
            boolean more = rows.size() > limit;
            List<Row> page = more ? rows.subList(0, limit) : rows;
            List<TicketView> items = page.stream().map(TicketViewResource::toView).toList();
            String next = null;
            if (more) {
                Row last = page.get(page.size() - 1);
                next = new KeysetCursor(last.text("sort_key"), last.uuid("ticket_id")).encode();
            }
            return new Page(items, next);
        });
    }

    private static void equal(List<String> where, List<Object> params, String column, String value) {
        if (value != null && !value.isBlank()) {
            params.add(value);
            where.add(column + " = ?" + params.size());
        }
    }

    private static String oneOf(String field, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw Rejection.invalid(field, "must be one of " + allowed);
        }
        return value;
    }

    private static String channel(String value) {
        try {
            return Channel.fromWire(value).wireName();
        } catch (IllegalArgumentException e) {
            throw Rejection.invalid("channel", e.getMessage());
        }
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
