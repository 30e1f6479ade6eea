package io.tierdesk.intake.api;

import io.tierdesk.eventing.api.Problem;
import io.tierdesk.eventing.api.ProblemMappers;
import io.tierdesk.intake.application.PreconditionFailed;
import io.tierdesk.intake.application.TicketNotFound;
import io.tierdesk.intake.domain.TicketRejected;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** intake's own refusals as problem details; the batch endpoint uses {@link #of} for each failed event. */
public class IntakeProblems {
    private static final String TYPE_BASE = "https://tierdesk.io/problems/";

    @ServerExceptionMapper({TicketRejected.class, PreconditionFailed.class, TicketNotFound.class,
            IllegalArgumentException.class})
    public Response map(RuntimeException e) {
        return ProblemMappers.respond(of(e));
    }

    /** The problem for any failure of a request; unknown failures are left to the caller (null). */
    public static Problem of(Throwable e) {
        if (e instanceof TicketRejected r) {
            String state = r.status() == null ? "none" : r.status().name().toLowerCase(Locale.ROOT).replace('_', '-');
            return new Problem(TYPE_BASE + "invalid-transition", "Not possible in the ticket's state", 409,
                    e.getMessage(), List.of(new Problem.FieldError("status", "the ticket is " + state)));
        }
        if (e instanceof PreconditionFailed p) {
            return new Problem(TYPE_BASE + "precondition-failed", "Precondition failed", 412, e.getMessage(),
                    List.of(new Problem.FieldError("If-Match", "the ticket is at version " + p.currentVersion())));
        }
        if (e instanceof TicketNotFound n) {
            boolean inBody = !"ticketId".equals(n.field());
            return new Problem(TYPE_BASE + "ticket-not-found", "Ticket not found", inBody ? 422 : 404, e.getMessage(),
                    List.of(new Problem.FieldError(n.field(), e.getMessage())));
        }
        if (e instanceof IllegalArgumentException) {
            // Thrown by the contracts' constructors: "<field> is required", "<field> must be ...".
            String message = String.valueOf(e.getMessage());
            String field = message.contains(" ") ? message.substring(0, message.indexOf(' ')) : "body";
            return new Problem(TYPE_BASE + "invalid-request", "Invalid request", 400, message,
                    List.of(new Problem.FieldError(field, message)));
        }
        return ProblemMappers.problemOf(e);
    }
}
