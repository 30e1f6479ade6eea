package io.tierdesk.knowledge.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.api.Versions;
import io.tierdesk.knowledge.application.KnowledgeCapture;
import io.tierdesk.knowledge.domain.ArticleDecider;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import io.tierdesk.eventing.api.IdempotencyKeys;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.knowledge.application.Articles;
import jakarta.ws.rs.HeaderParam;

/** A draft written from a resolved ticket that no article covers yet (the candidates are listed with articles). */
@Path("/api/v1")
public class CaptureResource {
    /** @param covers the other tickets of its group the draft is written for: they stop being candidates too */
    public record DraftRequest(List<UUID> covers) {
    }

    private final Mutiny.SessionFactory sessions;
    private final KnowledgeCapture capture;
    private final SecurityIdentity identity;
    private final IdempotencyKeys keys;

    public CaptureResource(Mutiny.SessionFactory sessions, KnowledgeCapture capture, SecurityIdentity identity,
            IdempotencyKeys keys) {
        this.keys = keys;
        this.sessions = sessions;
        this.capture = capture;
        this.identity = identity;
    }

    @POST
    @Path("tickets/{ticketId}/article-draft")
    @RolesAllowed({"agent", "kb-editor"})
    public Uni<Response> draft(@PathParam("ticketId") UUID ticketId,
            @HeaderParam(IdempotencyKeys.HEADER) String key, DraftRequest body) {
        if (body != null && body.covers() != null && (body.covers().size() > 500 || body.covers().contains(null))) {
            throw Rejection.invalid("covers", "at most 500 ticket ids, none null");
        }
        ArticleDecider.Actor actor = new ArticleDecider.Actor(identity.getPrincipal().getName(),
                identity.hasRole("kb-editor"));
        List<UUID> covers = body == null || body.covers() == null ? List.of() : body.covers();
        return sessions.withTransaction(session -> keys.once(session, key, actor.id(), "POST /tickets/" + ticketId
                        + "/article-draft", body, Articles.Outcome.class,
                        () -> capture.draftFrom(session, ticketId, covers, actor)))
                .map(once -> Response.created(URI.create("/api/v1/articles/" + once.answer().articleId()))
                        .entity(once.answer()).tag(Versions.etag(once.answer().version()))
                        .header(IdempotencyKeys.REPLAYED, once.replayed() ? "true" : null)
                        .build());
    }
}
