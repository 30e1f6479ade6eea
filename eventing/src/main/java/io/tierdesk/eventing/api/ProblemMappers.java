package io.tierdesk.eventing.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.tierdesk.events.InvalidEventException;
import io.tierdesk.eventing.store.ConcurrencyConflictException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns the backbone's and the resources' client errors into problem details, never a 500. */
public class ProblemMappers {
    private static final String TYPE_BASE = "https://tierdesk.io/problems/";

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(new Problem(TYPE_BASE + slug(e.title()), e.title(), e.status(), e.getMessage(), e.errors()));
    }

    @ServerExceptionMapper
    public Response conflict(ConcurrencyConflictException e) {
        return respond(new Problem(TYPE_BASE + "version-conflict", "Version conflict", 409, e.getMessage(),
                List.of(new Problem.FieldError("expectedVersion", e.actualVersion() < 0
                        ? "the stream was changed concurrently"
                        : "the stream is at version " + e.actualVersion()))));
    }

    @ServerExceptionMapper
    public Response invalidEvent(InvalidEventException e) {
        return respond(new Problem(TYPE_BASE + e.kind().code(), "Invalid event", 400, e.getMessage(),
                List.of(new Problem.FieldError(e.field() == null ? "data" : e.field(), e.getMessage()))));
    }

    /** JAX-RS's own client errors (unreadable body, unknown path, wrong method or media type) as problems too. */
    @ServerExceptionMapper
    public Response webApplication(jakarta.ws.rs.WebApplicationException e) {
        int status = e.getResponse().getStatus();
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return unreadableBody(json);
            }
        }
        if (status >= 500) {
            return e.getResponse();
        }
        String title = Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Client error";
        return respond(new Problem(TYPE_BASE + slug(title), title, status, e.getMessage(), List.of()));
    }

    @ServerExceptionMapper
    public Response unreadableBody(JsonProcessingException e) {
        String field = e instanceof JsonMappingException m && !m.getPath().isEmpty()
                ? m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                        .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("body")
                : "body";
        return respond(new Problem(TYPE_BASE + "invalid-request", "Invalid request", 400,
                "the body is not valid JSON for this request: " + e.getOriginalMessage(),
                List.of(new Problem.FieldError(field, e.getOriginalMessage()))));
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String slug(String title) {
        return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
