package io.tierdesk.eventing.sample;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tierdesk.events.ticket.InternalNoteAdded;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.eventing.store.EventMetadata;
import io.tierdesk.eventing.store.EventStore;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** Appends a note at the version the caller expects: just enough of a service to test the backbone over REST. */
@Path("/api/v1/sample-tickets/{ticketId}/notes")
public class SampleTicketResource {
    public record AddNote(String note, Long expectedVersion) {
    }

    private final Mutiny.SessionFactory sessions;
    private final EventStore store;
    private final SecurityIdentity identity;

    public SampleTicketResource(Mutiny.SessionFactory sessions, EventStore store, SecurityIdentity identity) {
        this.sessions = sessions;
        this.store = store;
        this.identity = identity;
    }

    @POST
    @RolesAllowed("agent")
    public Uni<Response> add(@PathParam("ticketId") UUID ticketId, AddNote request) {
        if (request == null || request.note() == null || request.note().isBlank()) {
            throw Rejection.invalid("note", "is required");
        }
        if (request.expectedVersion() == null) {
            throw Rejection.invalid("expectedVersion", "is required");
        }
        String agent = identity.getPrincipal().getName();
        Instant now = Instant.now();
        return sessions.withTransaction(session -> store.append(session, "ticket", ticketId.toString(),
                        request.expectedVersion(), List.of(new InternalNoteAdded(ticketId, agent, request.note(), now)),
                        EventMetadata.actor(agent), now))
                .map(version -> Response.status(201).entity(Map.of("version", version)).build());
    }
}
