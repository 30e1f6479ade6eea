package io.tierdesk.knowledge.application;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.eventing.store.SqlRows;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Agents' answers on whether a suggested article helped. An answer moves the ranking customers see, so it is taken
 * only from an agent who worked the ticket (their reply, question, note, diagnosis or resolution is on it) and only
 * for an article that was suggested for that ticket. One answer per agent, ticket and article: a new one replaces it.
 */
@ApplicationScoped
public class ArticleFeedback {
    public record Counts(UUID articleId, long helpful, long notHelpful) {
    }

    /** The ticket's events name {@code agent} as having worked on it. */
    public Uni<Void> worked(Mutiny.Session session, UUID ticketId, String agent) {
        if (agent == null || agent.isBlank()) {
            return Uni.createFrom().voidItem();
        }
        return SqlRows.execute(session, "INSERT INTO ticket_worker (ticket_id, agent) VALUES (?1, ?2) "
                + "ON CONFLICT DO NOTHING", ticketId, agent).replaceWithVoid();
    }

    public Uni<Counts> give(Mutiny.Session session, UUID articleId, UUID ticketId, String agent, boolean helpful,
            Instant at) {
        return SqlRows.first(session, """
                        SELECT EXISTS (SELECT 1 FROM article WHERE article_id = ?1) AS known,
                            EXISTS (SELECT 1 FROM ticket_worker WHERE ticket_id = ?2 AND agent = ?3) AS worked,
                            EXISTS (SELECT 1 FROM event WHERE stream_id = ?6 AND stream_type = ?4
                                AND payload -> 'articles' @> CAST(CAST(?5 AS text) AS jsonb)) AS suggested""",
                        articleId, ticketId, agent, Suggestions.STREAM,
                        "[{\"articleId\": \"" + articleId + "\"}]", ticketId.toString())
                .chain(row -> {
                    if (!row.bool("known")) {
                        throw Rejection.notFound("articleId", "no article " + articleId);
                    }
                    if (!row.bool("worked")) {
                        throw Rejection.forbidden("worked-ticket", "feedback comes from an agent who worked the "
                                + "ticket: reply, ask, note, diagnose or resolve it first");
                    }
                    if (!row.bool("suggested")) {
                        throw Rejection.notAllowedNow("ticketId", "the article was not suggested for this ticket");
                    }
                    return SqlRows.execute(session, """
                            INSERT INTO article_feedback (article_id, ticket_id, agent, helpful, given_at)
                            VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (article_id, ticket_id, agent) DO UPDATE
                            SET helpful = EXCLUDED.helpful, given_at = EXCLUDED.given_at,
                                recorded_at = clock_timestamp()""", articleId, ticketId,
                            agent, helpful, at);
                })
                .chain(() -> SqlRows.first(session, """
                        SELECT count(*) FILTER (WHERE helpful) AS yes, count(*) FILTER (WHERE NOT helpful) AS no
                        FROM article_feedback WHERE article_id = ?1""", articleId))
                .map(row -> new Counts(articleId, row.number("yes"), row.number("no")));
    }
}
