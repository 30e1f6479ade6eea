package io.tierdesk.intake.api;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.eventing.store.KeysetCursor;
import io.tierdesk.events.routing.Priority;
import io.tierdesk.events.routing.Tier;
import io.tierdesk.events.ticket.Channel;
import io.tierdesk.intake.projection.TicketViews;
import io.tierdesk.intake.projection.TicketViews.Filter;
import io.tierdesk.intake.projection.TicketViews.Page;
import io.tierdesk.intake.projection.TicketViews.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.Arrays;
import java.util.List;

/**
 * The agents' ticket list: filters, three sort orders, keyset cursors (stable while tickets change, no OFFSET).
 */
@Path("/api/v1/tickets")
@RolesAllowed({"agent", "supervisor"})
public class TicketListResource {
    public static final int MAX_LIMIT = 200;
    private static final List<String> STATUSES = List.of("new", "open", "awaiting-customer", "resolved", "closed");

    private final TicketViews views;

    public TicketListResource(TicketViews views) {
        this.views = views;
    }

    @GET
    public Uni<Page> list(@QueryParam("status") String status, @QueryParam("tier") String tier,
            @QueryParam("owner") String owner, @QueryParam("assignee") String assignee,
            @QueryParam("priority") String priority, @QueryParam("channel") String channel,
            @QueryParam("customer") String customer, @QueryParam("q") String text,
            @QueryParam("sort") @DefaultValue("updated") String sortName,
            @QueryParam("limit") @DefaultValue("50") int limit, @QueryParam("cursor") String cursor) {
        Sort sort = switch (sortName) {
            case "updated" -> Sort.UPDATED;
            case "priority" -> Sort.PRIORITY;
            case "slaDue" -> Sort.SLA_DUE;
            default -> throw Rejection.invalid("sort", "must be updated, priority or slaDue");
        };
        if (limit < 1 || limit > MAX_LIMIT) {
            throw Rejection.invalid("limit", "must be 1 to " + MAX_LIMIT);
        }
        Filter filter = new Filter(oneOf("status", status, STATUSES), oneOf("tier", tier, names(Tier.values())),
                oneOf("priority", priority, names(Priority.values())), channel == null ? null : channel(channel),
                owner, assignee, customer, text);
        return views.list(filter, sort, limit, KeysetCursor.decode(cursor));
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
