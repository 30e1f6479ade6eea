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
import io.tierdesk.knowledge.search.SimilarTickets;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.core.Vertx;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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

    /**
     * Resolved tickets that tell of the same problem: one draft covers them all.
     *
     * @param subject the subject of the group's first ticket, what the draft would be titled
     */
    public record CandidateGroup(String subject, int size, List<UUID> ticketIds, List<Candidate> tickets,
            Instant lastResolvedAt) {
    }

    /** The most candidates grouped at once: the most recent ones, enough for any team's week. */
    static final int GROUPED = 1000;

    private final Articles articles;
    private final MeterRegistry registry;

    private final double similarity;
    private final Vertx vertx;

    public KnowledgeCapture(Articles articles, MeterRegistry registry,
            Vertx vertx,
            @ConfigProperty(name = "tierdesk.knowledge.candidate-similarity",
                    defaultValue = "" + SimilarTickets.THRESHOLD) double similarity) {
        this.similarity = similarity;
        this.vertx = vertx;
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

    /**
     * Resolved tickets no article covers yet (the most recent {@value #GROUPED}), grouped by what they tell of: the
     * largest groups first, then the most recently resolved; within a group, oldest first.
     */
    public Uni<List<CandidateGroup>> candidates(Mutiny.Session session, int limit) {
        return SqlRows.select(session, """
                        SELECT * FROM (
                            SELECT c.ticket_id, coalesce(t.subject, '') AS subject, coalesce(t.body, '') AS body,
                                c.solution_summary, c.resolved_by, c.resolved_at,
                                coalesce((SELECT string_agg(a ->> 'articleId', ' ') FROM ticket_suggestion s,
                                    jsonb_array_elements(s.articles) a WHERE s.ticket_id = c.ticket_id), '') AS suggested
                            FROM article_candidate c LEFT JOIN ticket_context t ON t.ticket_id = c.ticket_id
                            WHERE c.article_id IS NULL ORDER BY c.resolved_at DESC LIMIT ?1) AS recent
                        ORDER BY resolved_at, ticket_id""", GROUPED)
                // Grouping compares every pair of up to GROUPED tickets: CPU for a worker, not the event loop.
                .chain(rows -> vertx.executeBlocking(() -> group(rows, limit), false));
    }

    private List<CandidateGroup> group(List<SqlRows.Row> rows, int limit) {
        List<Candidate> all = rows.stream().map(r -> new Candidate(r.uuid("ticket_id"), r.text("subject"),
                r.text("solution_summary"), r.text("resolved_by"), r.instant("resolved_at"))).toList();
        List<SimilarTickets.Ticket> compared = rows.stream().map(r -> new SimilarTickets.Ticket(
                String.join("\n", r.text("subject"), r.text("body"), r.text("solution_summary")),
                Arrays.stream(r.text("suggested").split(" ")).filter(id -> !id.isEmpty())
                        .map(UUID::fromString).toList())).toList();
        return SimilarTickets.group(compared, similarity).stream().map(members -> {
                    List<Candidate> tickets = members.stream().map(all::get).toList();
                    return new CandidateGroup(tickets.get(0).subject(), tickets.size(),
                            tickets.stream().map(Candidate::ticketId).toList(), tickets,
                            tickets.get(tickets.size() - 1).resolvedAt());
                })
                .sorted(Comparator.comparingInt(CandidateGroup::size).reversed()
                        .thenComparing(CandidateGroup::lastResolvedAt, Comparator.reverseOrder()))
                .limit(limit).toList();
    }

    /**
     * A draft written from a resolved ticket: its subject as the title, what the customer wrote as the problem (with
     * the subjects of the other tickets it covers, as customers also put it), the solution summary as the solution;
     * internal until an editor decides otherwise. The ticket and those it covers stop being candidates.
     */
    public Uni<Articles.Outcome> draftFrom(Mutiny.Session session, UUID ticketId, List<UUID> covers,
            ArticleDecider.Actor actor) {
        String[] others = covers.stream().filter(id -> !id.equals(ticketId)).map(UUID::toString).distinct()
                .toArray(String[]::new);
        return SqlRows.first(session, """
                        SELECT coalesce(t.subject, '') AS subject, coalesce(t.body, '') AS body, c.solution_summary,
                            (SELECT coalesce(string_agg(DISTINCT o.subject, chr(10)), '') FROM article_candidate oc
                                JOIN ticket_context o ON o.ticket_id = oc.ticket_id
                                WHERE oc.ticket_id = ANY(CAST(CAST(?2 AS text[]) AS uuid[])) AND oc.article_id IS NULL
                                    AND o.subject <> '') AS also
                        FROM article_candidate c LEFT JOIN ticket_context t ON t.ticket_id = c.ticket_id
                        WHERE c.ticket_id = ?1 AND c.article_id IS NULL""", ticketId, (Object) others)
                .chain(row -> {
                    if (row == null) {
                        throw Rejection.notFound("ticketId", "ticket " + ticketId + " is not a resolved ticket "
                                + "without an article");
                    }
                    String subject = row.text("subject").isBlank() ? "Solution of ticket " + ticketId
                            : row.text("subject");
                    String problem = row.text("also").isEmpty() ? row.text("body") : row.text("body")
                            + "\n\n" + row.text("also").lines().map(line -> "- " + line)
                            .collect(Collectors.joining("\n"));
                    ArticleContent content = new ArticleContent(subject, problem, null,
                            row.text("solution_summary"),
                            Language.fromWire(ArticleIndex.script(subject + " " + row.text("body"))),
                            Audience.INTERNAL, Tier.L1, List.of(), List.of(), null, List.of());
                    UUID articleId = UUID.randomUUID();
                    String[] covered = Stream.concat(Stream.of(ticketId.toString()),
                            Arrays.stream(others)).toArray(String[]::new);
                    return articles.execute(session, articleId, new ArticleCommand.WriteArticle(articleId, content),
                                    actor)
                            .call(outcome -> SqlRows.execute(session, """
                                    UPDATE article_candidate SET article_id = ?2
                                    WHERE ticket_id = ANY(CAST(CAST(?1 AS text[]) AS uuid[])) AND article_id IS NULL""",
                                    (Object) covered, articleId));
                });
    }
}
