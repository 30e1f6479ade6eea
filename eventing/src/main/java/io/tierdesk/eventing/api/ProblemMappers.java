package io.tierdesk.eventing.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.tierdesk.events.InvalidEventException;
import io.tierdesk.eventing.PgErrors;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.eventing.store.ConcurrencyConflictException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.tierdesk.events.EventJson;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Every error a service answers is a problem detail: client errors by kind, server errors without internals. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final String TYPE_BASE = "https://tierdesk.io/problems/";
    /** Jackson's words for a field met twice (StrictJson). */
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");

    // The Jackson types are named one by one: Quarkus REST maps a mismatched value with a mapper of its own (plain
    // JSON naming the Java class) unless one as specific as it is registered here.
    @ServerExceptionMapper({Rejection.class, ConcurrencyConflictException.class, InvalidEventException.class,
            JsonProcessingException.class, MismatchedInputException.class,
            InvalidFormatException.class,
            UnrecognizedPropertyException.class,
            ValueInstantiationException.class,
            JsonParseException.class})
    public Response clientError(Exception e) {
        return respond(problemOf(e));
    }

    /** JAX-RS's own client errors (unreadable body, unknown path, wrong method or media type) as problems too. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return respond(problemOf(json));
            }
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return e.getResponse();
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "Client error";
        return respond(new Problem(TYPE_BASE + slug(title), title, status, e.getMessage(), List.of()));
    }

    /**
     * Everything no closer mapper takes. A transient database failure is 503 with {@code Retry-After}: "nothing was
     * changed" when the server reported it (a deadlock, a lost serialization race: rolled back), "outcome unknown"
     * when the connection was lost while the request ran, since its COMMIT may have gone through. Anything else is a 500 problem naming a reference that the log carries with the exception, and
     * nothing of the internals.
     */
    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        if (PgErrors.isTransient(e)) {
            LOG.warnf("transient failure, answered 503: %s", e.toString());
            Problem problem = PgErrors.mayHaveCommitted(e)
                    ? new Problem(TYPE_BASE + "outcome-unknown", "Outcome unknown", 503, "the connection to the "
                            + "database was lost while the request ran, so a change it asked for may or may not have "
                            + "been made: repeat it with the same " + IdempotencyKeys.HEADER + " to get its outcome "
                            + "(without one, look before repeating)", List.of())
                    : new Problem(TYPE_BASE + "temporarily-unavailable", "Temporarily unavailable", 503,
                            "the database could not complete the request just now; nothing was changed, try again",
                            List.of());
            return Response.fromResponse(respond(problem)).header("Retry-After", "1").build();
        }
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected failure, reference %s", reference);
        return respond(new Problem(TYPE_BASE + "internal-error", "Internal error", 500,
                "the request failed unexpectedly; reference " + reference, List.of()));
    }

    /** The problem for the backbone's own client errors, or null for anything else (a server error). */
    public static Problem problemOf(Throwable e) {
        if (e instanceof Rejection r) {
            return of(r);
        }
        if (e instanceof ConcurrencyConflictException c) {
            return new Problem(TYPE_BASE + "version-conflict", "Version conflict", 409, c.getMessage(),
                    List.of(new Problem.FieldError("expectedVersion", c.actualVersion() < 0
                            ? "the stream was changed concurrently"
                            : "the stream is at version " + c.actualVersion())));
        }
        if (e instanceof InvalidEventException i) {
            return new Problem(TYPE_BASE + i.kind().code(), "Invalid event", 400, i.getMessage(),
                    List.of(new Problem.FieldError(i.field() == null ? "data" : i.field(), i.getMessage())));
        }
        Matcher name = e instanceof JsonParseException duplicate && duplicate.getOriginalMessage() != null
                ? DUPLICATE.matcher(duplicate.getOriginalMessage()) : null;
        if (name != null && name.lookingAt()) {
            return new Problem(TYPE_BASE + "invalid-request", "Invalid request", 400,
                    "the body is not valid for this request: " + name.group(1) + " is given more than once",
                    List.of(new Problem.FieldError(name.group(1), "is given more than once")));
        }
        if (e instanceof JsonProcessingException json) {
            String field = json instanceof JsonMappingException m && !m.getPath().isEmpty()
                    ? m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                            .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("body")
                    : "body";
            String what = EventJson.describe(json);
            return new Problem(TYPE_BASE + "invalid-request", "Invalid request", 400,
                    "the body is not valid for this request: " + field + " " + what,
                    List.of(new Problem.FieldError(field, what)));
        }
        return null;
    }

    /** A rejection's problem: the kind decides the status; the rejection may name its own type and title. */
    public static Problem of(Rejection r) {
        int status = switch (r.kind()) {
            case INVALID -> 400;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case PRECONDITION_FAILED -> 412;
            case NOT_ALLOWED_NOW -> 422;
            case TOO_MANY -> 429;
        };
        String title = r.title() != null ? r.title() : switch (r.kind()) {
            case INVALID -> "Invalid request";
            case FORBIDDEN -> "Forbidden";
            case NOT_FOUND -> "Not found";
            case CONFLICT -> "Conflict";
            case PRECONDITION_FAILED -> "Precondition failed";
            case NOT_ALLOWED_NOW -> "Not possible now";
            case TOO_MANY -> "Too many at once";
        };
        String type = r.type() != null ? r.type() : slug(title);
        List<Problem.FieldError> errors = r.violations().stream().filter(v -> v.field() != null)
                .map(v -> new Problem.FieldError(v.field(), v.reason())).toList();
        return new Problem(TYPE_BASE + type, title, status, r.getMessage(), errors);
    }

    public static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem.bounded()).build();
    }

    private static String slug(String title) {
        return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
