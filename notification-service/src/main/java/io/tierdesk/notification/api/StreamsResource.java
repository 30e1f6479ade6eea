package io.tierdesk.notification.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.notification.application.LiveStreams;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.Set;

/**
 * Server-Sent Events for agents and supervisors: each event's id is its place in the stream, so a client that
 * reconnects with {@code Last-Event-ID} gets what it missed first.
 */
@Path("/api/v1/streams")
public class StreamsResource {
    private final LiveStreams streams;
    private final SecurityIdentity identity;

    public StreamsResource(LiveStreams streams, SecurityIdentity identity) {
        this.streams = streams;
        this.identity = identity;
    }

    /** An agent's own stream; a supervisor may watch any agent's. */
    @GET
    @Path("agents/{agentId}")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({"agent", "supervisor"})
    public Multi<OutboundSseEvent> agent(@PathParam("agentId") String agentId,
            @HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse) {
        if (!identity.hasRole("supervisor") && !identity.getPrincipal().getName().equals(agentId)) {
            throw Rejection.forbidden("own-stream", "an agent reads their own stream only");
        }
        return events(Set.of(agentId), lastEventId, sse);
    }

    /** What supervisors hear: the alerts addressed to this one and those for every supervisor. */
    @GET
    @Path("supervisors")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed("supervisor")
    public Multi<OutboundSseEvent> supervisors(@HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse) {
        return events(Set.of("supervisors", identity.getPrincipal().getName()), lastEventId, sse);
    }

    private Multi<OutboundSseEvent> events(Set<String> recipients, String lastEventId, Sse sse) {
        LiveStreams.Position last = null;
        if (lastEventId != null && !lastEventId.isBlank()) {
            last = LiveStreams.Position.parse(lastEventId);
            if (last == null) {
                throw Rejection.invalid("Last-Event-ID", "the id of an event this stream sent");
            }
        }
        // A comment first: the headers and a first line leave as soon as the stream listens (through any buffering
        // proxy), and a client that has read it knows the stream is live — every notice from then on reaches it.
        return streams.stream(identity.getPrincipal().getName(), recipients, last)
                .map(item -> item.kind().equals(LiveStreams.LIVE)
                        ? sse.newEventBuilder().comment(LiveStreams.LIVE).build()
                        : sse.newEventBuilder().id(item.id()).name(item.kind())
                                .mediaType(MediaType.APPLICATION_JSON_TYPE).data(item).build());
    }
}
