package io.tierdesk.knowledge.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.eventing.store.SqlRows;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.Clock;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * An agent says whether a suggested article helped with a ticket. One answer per agent, ticket and article (a new
 * one replaces it), so the counts say how many agents found it helpful, not how often one clicked.
 */
@Path("/api/v1/articles/{articleId}/feedback")
public class FeedbackResource {
    public record Feedback(UUID ticketId, Boolean helpful) {
    }

    public record Counts(UUID articleId, long helpful, long notHelpful) {
    }

    private final Mutiny.SessionFactory sessions;
    private final SecurityIdentity identity;
    private final Clock clock;
    private final io.micrometer.core.instrument.MeterRegistry registry;

    private final io.tierdesk.knowledge.projection.SearchIndex index;

    public FeedbackResource(Mutiny.SessionFactory sessions, SecurityIdentity identity, Clock clock,
            io.micrometer.core.instrument.MeterRegistry registry, io.tierdesk.knowledge.projection.SearchIndex index) {
        this.index = index;
        this.sessions = sessions;
        this.identity = identity;
        this.clock = clock;
        this.registry = registry;
    }

    @POST
    @RolesAllowed({"agent", "kb-editor"})
    public Uni<Counts> give(@PathParam("articleId") UUID articleId, Feedback body) {
        if (body == null || body.ticketId() == null) {
            throw Rejection.invalid("ticketId", "name the ticket the article was suggested for");
        }
        if (body.helpful() == null) {
            throw Rejection.invalid("helpful", "true or false");
        }
        return sessions.withTransaction(session -> SqlRows.first(session,
                        "SELECT 1 AS known FROM article WHERE article_id = ?1", articleId)
                .chain(known -> {
                    if (known == null) {
                        throw Rejection.notFound("articleId", "no article " + articleId);
                    }
                    return SqlRows.execute(session, """
                            INSERT INTO article_feedback (article_id, ticket_id, agent, helpful, given_at)
                            VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (article_id, ticket_id, agent) DO UPDATE
                            SET helpful = EXCLUDED.helpful, given_at = EXCLUDED.given_at""", articleId, body.ticketId(),
                            identity.getPrincipal().getName(), body.helpful(), clock.instant());
                })
                .chain(() -> SqlRows.first(session, """
                        SELECT count(*) FILTER (WHERE helpful) AS yes, count(*) FILTER (WHERE NOT helpful) AS no
                        FROM article_feedback WHERE article_id = ?1""", articleId))
                .map(row -> new Counts(articleId, row.number("yes"), row.number("no"))))
                .invoke(() -> registry.counter("tierdesk.knowledge.feedback", "helpful",
                        body.helpful().toString()).increment())
                // Weighs in this replica's ranking at once; the others read it within tierdesk.knowledge.feedback-refresh.
                .call(() -> index.changed(articleId));
    }
}
