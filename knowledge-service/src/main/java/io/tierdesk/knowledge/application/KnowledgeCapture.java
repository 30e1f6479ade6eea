package io.tierdesk.knowledge.application;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.eventing.store.SqlRows;
import io.tierdesk.events.knowledge.ArticleContent;
import io.tierdesk.events.knowledge.Audience;
import io.tierdesk.events.knowledge.Language;
import io.tierdesk.events.routing.Tier;
import io.tierdesk.knowledge.domain.ArticleCommand;
import io.tierdesk.knowledge.domain.ArticleDecider;
import io.tierdesk.knowledge.search.ArticleIndex;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Every solution ends up in the knowledge base: a ticket resolved with an article is linked to it (its use count
 * grows); one resolved without is a candidate, from which an agent writes a draft in one step.
 */
@ApplicationScoped
public class KnowledgeCapture {
    private static final Logger LOG = Logger.getLogger(KnowledgeCapture.class);

    public record Candidate(UUID ticketId, String subject, String solutionSummary, String resolvedBy,
            Instant resolvedAt) {
    }

    private final Articles articles;
    private final io.micrometer.core.instrument.MeterRegistry registry;

    public KnowledgeCapture(Articles articles, io.micrometer.core.instrument.MeterRegistry registry) {
        this.articles = articles;
        this.registry = registry;
    }

    public Uni<Void> resolved(Mutiny.Session session, UUID ticketId, UUID articleId, String solutionSummary,
            String agent, Instant at) {
        if (articleId != null) {
            // Suggestion acceptance: was the article that solved it among those suggested for the ticket?
            return SqlRows.first(session, """
                            SELECT EXISTS (SELECT 1 FROM ticket_suggestion s, jsonb_array_elements(s.articles) a
                                WHERE s.ticket_id = ?1 AND a ->> 'articleId' = ?2) AS accepted""", ticketId,
                            articleId.toString())
                    .invoke(row -> registry.counter("tierdesk.knowledge.resolutions.with.article", "suggested",
                            Boolean.toString(row.bool("accepted"))).increment())
                    .chain(() -> articles.execute(session, articleId, new ArticleCommand.LinkTicket(ticketId),
                            new ArticleDecider.Actor(agent, false)))
                    // An article this service never had (a typo in a tool, another installation): nothing to link.
                    .onFailure(Rejection.class).invoke(e -> LOG.warnf("ticket %s names article %s, which does not "
                            + "exist; not linked", ticketId, articleId))
                    .onFailure(Rejection.class).recoverWithNull()
                    .replaceWithVoid();
        }
        registry.counter("tierdesk.knowledge.resolutions.without.article").increment();
        return SqlRows.execute(session, """
                        INSERT INTO article_candidate (ticket_id, solution_summary, resolved_by, resolved_at)
                        VALUES (?1, ?2, ?3, ?4) ON CONFLICT (ticket_id) DO UPDATE SET
                            solution_summary = EXCLUDED.solution_summary, resolved_by = EXCLUDED.resolved_by,
                            resolved_at = EXCLUDED.resolved_at""", ticketId, solutionSummary, agent, at)
                .replaceWithVoid();
    }

    /** Resolved tickets no article covers yet, newest first. */
    public Uni<List<Candidate>> candidates(Mutiny.Session session, int limit) {
        return SqlRows.select(session, """
                        SELECT c.ticket_id, coalesce(t.subject, '') AS subject, c.solution_summary, c.resolved_by,
                            c.resolved_at
                        FROM article_candidate c LEFT JOIN ticket_context t ON t.ticket_id = c.ticket_id
                        WHERE c.article_id IS NULL ORDER BY c.resolved_at DESC LIMIT ?1""", limit)
                .map(rows -> rows.stream().map(r -> new Candidate(r.uuid("ticket_id"), r.text("subject"),
                        r.text("solution_summary"), r.text("resolved_by"), r.instant("resolved_at"))).toList());
    }

    /**
     * A draft written from a resolved ticket: its subject as the title, what the customer wrote as the problem, the
     * solution summary as the solution; internal until an editor decides otherwise. The ticket stops being a
     * candidate.
     */
    public Uni<Articles.Outcome> draftFrom(Mutiny.Session session, UUID ticketId, ArticleDecider.Actor actor) {
        return SqlRows.first(session, """
                        SELECT coalesce(t.subject, '') AS subject, coalesce(t.body, '') AS body, c.solution_summary
                        FROM article_candidate c LEFT JOIN ticket_context t ON t.ticket_id = c.ticket_id
                        WHERE c.ticket_id = ?1 AND c.article_id IS NULL""", ticketId)
                .chain(row -> {
                    if (row == null) {
                        throw Rejection.notFound("ticketId", "ticket " + ticketId + " is not a resolved ticket "
                                + "without an article");
                    }
                    String subject = row.text("subject").isBlank() ? "Solution of ticket " + ticketId
                            : row.text("subject");
                    ArticleContent content = new ArticleContent(subject, row.text("body"), null,
                            row.text("solution_summary"),
                            Language.fromWire(ArticleIndex.script(subject + " " + row.text("body"))),
                            Audience.INTERNAL, Tier.L1, List.of(), List.of(), null, List.of());
                    UUID articleId = UUID.randomUUID();
                    return articles.execute(session, articleId, new ArticleCommand.WriteArticle(articleId, content),
                                    actor)
                            .call(outcome -> SqlRows.execute(session, """
                                    UPDATE article_candidate SET article_id = ?2 WHERE ticket_id = ?1""", ticketId,
                                    articleId));
                });
    }
}
