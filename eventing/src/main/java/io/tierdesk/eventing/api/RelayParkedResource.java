package io.tierdesk.eventing.api;

import io.smallrye.common.annotation.Blocking;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.eventing.relay.Relay;
import io.tierdesk.eventing.relay.RelayService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Records this service's relay set aside because the broker refused them for good (too large, say): listed for
 * operators, and sent again once the cause is fixed (a topic's limit raised). Every service has this resource.
 */
@Path("/api/v1/relay/parked")
@RolesAllowed("admin")
@Blocking
public class RelayParkedResource {
    private final RelayService relays;

    public RelayParkedResource(RelayService relays) {
        this.relays = relays;
    }

    @GET
    public List<Relay.Parked> parked() {
        return relays.parked();
    }

    /**
     * 200 once the broker acknowledged it; 404 when nothing is parked under that id; 409 when refused again; 422 on a
     * replica whose relay is not running.
     */
    @POST
    @Path("{eventId}/republish")
    public Map<String, Object> republish(@PathParam("eventId") String eventId) {
        try {
            UUID.fromString(eventId);
        } catch (IllegalArgumentException e) {
            throw Rejection.invalid("eventId", "must be an event id (a UUID)");
        }
        if (!relays.republish(eventId)) {
            throw Rejection.notFound("eventId", "no parked record " + eventId);
        }
        return Map.of("eventId", eventId, "republished", true);
    }
}
