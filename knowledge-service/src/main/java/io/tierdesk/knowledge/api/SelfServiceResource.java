package io.tierdesk.knowledge.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.domain.Limits;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.knowledge.application.SelfService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import io.tierdesk.eventing.api.IdempotencyKeys;
import jakarta.ws.rs.HeaderParam;

/** What a portal or a bot asks for its customer before a ticket is filed, and whether it helped. */
@Path("/api/v1/self-service")
public class SelfServiceResource {
    public record Query(String customer, String text) {
    }

    public record Outcome(Boolean solved) {
    }

    private final Mutiny.SessionFactory sessions;
    private final SelfService selfService;
    private final SecurityIdentity identity;
    private final Clock clock;
    private final IdempotencyKeys keys;

    public SelfServiceResource(Mutiny.SessionFactory sessions, SelfService selfService, SecurityIdentity identity,
            Clock clock,
            IdempotencyKeys keys) {
        this.keys = keys;
        this.sessions = sessions;
        this.selfService = selfService;
        this.identity = identity;
        this.clock = clock;
    }

    @POST
    @Path("queries")
    @RolesAllowed("channel")
    public Uni<Response> ask(@HeaderParam(IdempotencyKeys.HEADER) String key,
            Query body) {
        if (body == null || body.text() == null || body.text().isBlank()) {
            throw Rejection.invalid("text", "what the customer typed is required");
        }
        if (body.customer() == null || body.customer().isBlank()) {
            throw Rejection.invalid("customer", "the customer's id in the channel is required");
        }
        Limits.max("text", body.text(), Limits.SHORT_TEXT);
        Limits.max("customer", body.customer(), Limits.NAME);
        // A retry after a lost answer gets the same query and answer, not a second query the deflection counts.
        return sessions.withTransaction(session -> keys.once(session, key, channel(), "POST /self-service/queries",
                        body, SelfService.Answer.class,
                        () -> selfService.ask(session, channel(), body.customer(), body.text())))
                .map(once -> Response.status(201).entity(once.answer())
                        .header(IdempotencyKeys.REPLAYED, once.replayed() ? "true" : null)
                        .build());
    }

    @POST
    @Path("queries/{queryId}/feedback")
    @RolesAllowed("channel")
    public Uni<Response> feedback(@PathParam("queryId") UUID queryId, Outcome body) {
        if (body == null || body.solved() == null) {
            throw Rejection.invalid("solved", "true or false");
        }
        return sessions.withTransaction(session -> selfService.feedback(session, queryId, channel(), body.solved()))
                .replaceWith(Response.noContent().build());
    }

    /** The share of settled self-service queries that kept a ticket from being filed, over [from, to). */
    @GET
    @Path("deflection")
    @RolesAllowed({"kb-editor", "supervisor", "admin"})
    public Uni<SelfService.Deflection> deflection(@QueryParam("from") String from, @QueryParam("to") String to) {
        Instant end = to == null ? clock.instant() : instant("to", to);
        Instant start = from == null ? end.minus(Duration.ofDays(7)) : instant("from", from);
        if (!start.isBefore(end)) {
            throw Rejection.invalid("from", "must be before 'to'");
        }
        return sessions.withSession(session -> selfService.deflection(session, start, end));
    }

    private String channel() {
        return identity.getPrincipal().getName();
    }

    private static Instant instant(String field, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw Rejection.invalid(field, "an instant such as 2026-11-30T00:00:00Z");
        }
    }
}
