package io.tierdesk.intake.api;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.api.Paging;
import io.tierdesk.eventing.api.Versions;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.intake.projection.TicketViews;
import io.tierdesk.intake.projection.TicketViews.TimelineEntry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/** The agents' view of a ticket and its journal, read from the projection. */
@Path("/api/v1/tickets/{ticketId}")
@RolesAllowed({"agent", "supervisor"})
public class TicketViewResource {
    private final TicketViews views;

    public TicketViewResource(TicketViews views) {
        this.views = views;
    }

    @GET
    public Uni<Response> get(@PathParam("ticketId") UUID ticketId) {
        return views.find(ticketId).map(found -> found
                .map(view -> Response.ok(view).tag(Versions.etag(view.version())).build())
                .orElseThrow(() -> Rejection.notFound("ticketId", "no ticket " + ticketId)));
    }

    @GET
    @Path("timeline")
    public Uni<List<TimelineEntry>> timeline(@PathParam("ticketId") UUID ticketId, @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset) {
        return views.timeline(ticketId, Paging.of(limit, offset));
    }
}
