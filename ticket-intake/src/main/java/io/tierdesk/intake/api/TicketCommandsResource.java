package io.tierdesk.intake.api;

import io.tierdesk.eventing.api.Versions;
import io.tierdesk.intake.application.IntakeValidation;
import io.tierdesk.eventing.domain.Limits;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tierdesk.events.ticket.Diagnostics;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.eventing.api.IdempotencyKeys;
import io.tierdesk.intake.application.TicketCommands;
import io.tierdesk.intake.domain.TicketCommand;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * What agents do to a ticket. Each answers the new version as body and ETag; If-Match makes it conditional, and an
 * Idempotency-Key makes it safe to repeat.
 */
@Path("/api/v1/tickets/{ticketId}")
@RolesAllowed({"agent", "supervisor"})
public class TicketCommandsResource {
    public record Reply(String body) {
    }

    public record Note(String note) {
    }

    public record Question(String question) {
    }

    public record DiagnosticsRequest(String location, String product, String equipment, String symptoms,
            String precedingActions, String category) {
    }

    public record Resolution(String solutionSummary, UUID articleId) {
    }

    public record Reopening(String reason) {
    }

    public record Version(UUID ticketId, String number, long version) {
    }

    private final Mutiny.SessionFactory sessions;
    private final TicketCommands tickets;
    private final SecurityIdentity identity;
    private final IdempotencyKeys keys;

    public TicketCommandsResource(Mutiny.SessionFactory sessions, TicketCommands tickets, SecurityIdentity identity,
            IdempotencyKeys keys) {
        this.keys = keys;
        this.sessions = sessions;
        this.tickets = tickets;
        this.identity = identity;
    }

    @POST
    @Path("replies")
    public Uni<Response> reply(@PathParam("ticketId") UUID id, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam(IdempotencyKeys.HEADER) String key, Reply body) {
        String text = Limits.required("body", body == null ? null : body.body(), IntakeValidation.MAX_BODY);
        return run(id, ifMatch, key, "replies", body, at -> new TicketCommand.ReplyToCustomer(agent(), text, at));
    }

    @POST
    @Path("notes")
    public Uni<Response> note(@PathParam("ticketId") UUID id, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam(IdempotencyKeys.HEADER) String key, Note body) {
        String text = Limits.required("note", body == null ? null : body.note(), IntakeValidation.MAX_BODY);
        return run(id, ifMatch, key, "notes", body, at -> new TicketCommand.AddInternalNote(agent(), text, at));
    }

    @POST
    @Path("questions")
    public Uni<Response> ask(@PathParam("ticketId") UUID id, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam(IdempotencyKeys.HEADER) String key, Question body) {
        String text = Limits.required("question", body == null ? null : body.question(), IntakeValidation.MAX_BODY);
        return run(id, ifMatch, key, "questions", body, at -> new TicketCommand.AskCustomer(agent(), text, at));
    }

    @PUT
    @Path("diagnostics")
    public Uni<Response> diagnose(@PathParam("ticketId") UUID id, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam(IdempotencyKeys.HEADER) String key,
            DiagnosticsRequest body) {
        if (body == null) {
            throw Rejection.invalid("body", "is required");
        }
        Diagnostics diagnostics = new Diagnostics(body.location(), body.product(), body.equipment(), body.symptoms(),
                body.precedingActions());
        IntakeValidation.check(diagnostics);
        Limits.max("category", body.category(), 100);
        return run(id, ifMatch, key, "diagnostics", body, at -> new TicketCommand.RecordDiagnostics(agent(), diagnostics, body.category(), at));
    }

    @POST
    @Path("resolution")
    public Uni<Response> resolve(@PathParam("ticketId") UUID id, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam(IdempotencyKeys.HEADER) String key,
            Resolution body) {
        String summary = Limits.required("solutionSummary", body == null ? null : body.solutionSummary(),
                Limits.LONG_TEXT);
        return run(id, ifMatch, key, "resolution", body, at -> new TicketCommand.ResolveTicket(agent(), summary, body.articleId(), at));
    }

    @POST
    @Path("closure")
    public Uni<Response> close(@PathParam("ticketId") UUID id, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam(IdempotencyKeys.HEADER) String key) {
        return run(id, ifMatch, key, "closure", null, at -> new TicketCommand.CloseTicket(agent(), at));
    }

    @POST
    @Path("reopening")
    public Uni<Response> reopen(@PathParam("ticketId") UUID id, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam(IdempotencyKeys.HEADER) String key,
            Reopening body) {
        String reason = Limits.required("reason", body == null ? null : body.reason(), Limits.SHORT_TEXT);
        return run(id, ifMatch, key, "reopening", body, at -> new TicketCommand.ReopenTicket(agent(), reason, at));
    }

    /**
     * One command in one transaction. With an Idempotency-Key, a retry of the same request (the same command on the
     * same ticket, the same body and If-Match) gets the first answer again.
     */
    private Uni<Response> run(UUID id, String ifMatch, String key, String command, Object body,
            Function<Instant, TicketCommand> decide) {
        Long expected = Versions.parseIfMatch(ifMatch);
        String actor = agent();
        boolean supervisor = identity.hasRole("supervisor");
        return sessions.withTransaction(session -> keys.once(session, key, actor, "POST /tickets/" + id + "/" + command
                        + " If-Match " + expected, body, Version.class, () -> tickets.execute(session, id, expected,
                        actor, supervisor, decide).map(r -> new Version(r.ticketId(), r.number(), r.version()))))
                .map(TicketCommandsResource::answer);
    }

    private static Response answer(IdempotencyKeys.Outcome<Version> outcome) {
        return outcome.ok().tag(Versions.etag(outcome.answer().version())).build();
    }

    private String agent() {
        return identity.getPrincipal().getName();
    }
}
