package io.tierdesk.knowledge.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.domain.Rejection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.Clock;
import io.tierdesk.knowledge.application.ArticleFeedback;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import io.micrometer.core.instrument.MeterRegistry;
import io.tierdesk.knowledge.projection.SearchIndex;

/**
 * An agent says whether a suggested article helped with a ticket. One answer per agent, ticket and article (a new
 * one replaces it), so the counts say how many agents found it helpful, not how often one clicked.
 */
@Path("/api/v1/articles/{articleId}/feedback")
public class FeedbackResource {
    public record Feedback(UUID ticketId, Boolean helpful) {
    }

    private final Mutiny.SessionFactory sessions;
    private final SecurityIdentity identity;
    private final Clock clock;
    private final MeterRegistry registry;

    private final SearchIndex index;
    private final ArticleFeedback feedback;

    public FeedbackResource(Mutiny.SessionFactory sessions, SecurityIdentity identity, Clock clock,
            MeterRegistry registry, SearchIndex index,
            ArticleFeedback feedback) {
        this.feedback = feedback;
        this.index = index;
        this.sessions = sessions;
        this.identity = identity;
        this.clock = clock;
        this.registry = registry;
    }

    @POST
    @RolesAllowed({"agent", "kb-editor"})
    public Uni<ArticleFeedback.Counts> give(@PathParam("articleId") UUID articleId, Feedback body) {
        if (body == null || body.ticketId() == null) {
            throw Rejection.invalid("ticketId", "name the ticket the article was suggested for");
        }
        if (body.helpful() == null) {
            throw Rejection.invalid("helpful", "true or false");
        }
        String agent = identity.getPrincipal().getName();
        return sessions.withTransaction(session -> feedback.give(session, articleId, body.ticketId(), agent,
                        body.helpful(), clock.instant()))
                .invoke(() -> registry.counter("tierdesk.knowledge.feedback", "helpful",
                        body.helpful().toString()).increment())
                // Weighs in this replica's ranking at once; the others read it within tierdesk.knowledge.feedback-refresh.
                .call(() -> index.changed(articleId));
    }
}
