package io.tierdesk.notification.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.api.Paging;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.notification.application.DeliveryLog;
import io.tierdesk.notification.application.DeliveryLog.DeliveryView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The delivery log: what was sent to whom, what waits, what died and why; a dead delivery may be sent again. */
@Path("/api/v1/deliveries")
public class DeliveriesResource {
    static final Set<String> STATES = Set.of("pending", "sending", "delivered", "dead", "withdrawn");

    private final DeliveryLog log;
    private final SecurityIdentity identity;

    public DeliveriesResource(DeliveryLog log, SecurityIdentity identity) {
        this.log = log;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({"admin", "supervisor", "agent"})
    public Uni<List<DeliveryView>> list(@QueryParam("ticketId") UUID ticketId, @QueryParam("state") String state,
            @QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        if (state != null && !STATES.contains(state)) {
            throw Rejection.invalid("state", "one of " + STATES);
        }
        // An agent reads the notices addressed to them, not customers' addresses or other receivers' errors.
        String onlyFor = identity.hasRole("supervisor") || identity.hasRole("admin") ? null
                : identity.getPrincipal().getName();
        return log.list(ticketId, state, onlyFor, Paging.of(limit, offset));
    }

    /** A dead delivery goes again from its first attempt; any other state is 409. */
    @POST
    @Path("{deliveryId}/retry")
    @RolesAllowed({"admin", "supervisor"})
    public Uni<DeliveryView> retry(@PathParam("deliveryId") UUID deliveryId) {
        return log.retry(deliveryId);
    }
}
