package io.tierdesk.knowledge.application;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.eventing.store.SqlRows;
import io.tierdesk.events.knowledge.Audience;
import io.tierdesk.knowledge.projection.SearchIndex;
import io.tierdesk.knowledge.search.ArticleIndex;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Answers for what a customer types before filing — public articles only — and whether they helped: the customer's
 * own word, or a ticket the same customer opened within a day with the same words (then it did not). A query is
 * deflected when the customer said it was solved, or when a day passed without such a ticket and no word against.
 */
@ApplicationScoped
public class SelfService {
    /** A ticket opened this long after a query, by the same customer, counts against it. */
    static final Duration FOLLOW_UP = Duration.ofDays(1);

    public record Answer(UUID queryId, List<Suggested> articles) {
    }

    public record Suggested(UUID articleId, String title, String snippet, float score) {
    }

    public record Deflection(long queries, long deflected, long notDeflected, long pending, Double rate) {
    }

    private final SearchIndex index;
    private final Clock clock;

    public SelfService(SearchIndex index, Clock clock) {
        this.index = index;
        this.clock = clock;
    }

    public Uni<Answer> ask(Mutiny.Session session, String channel, String customer, String text) {
        return index.find(text, new ArticleIndex.Filter(null, Audience.PUBLIC.wireName(), null, null), 5)
                .chain(hits -> record(session, channel, customer, text, hits.stream()
                        .map(h -> new Suggested(h.articleId(), h.title(), h.snippet(), h.score())).toList()));
    }

    private Uni<Answer> record(Mutiny.Session session, String channel, String customer, String text,
            List<Suggested> found) {
        UUID id = UUID.randomUUID();
        return SqlRows.execute(session, """
                        INSERT INTO self_service_query (query_id, channel, customer, text, articles, asked_at)
                        VALUES (?1, ?2, ?3, ?4, CAST(CAST(?5 AS text) AS jsonb), ?6)""", id, channel, customer, text,
                        SqlRows.json(found), clock.instant())
                .replaceWith(new Answer(id, found));
    }

    public Uni<Void> feedback(Mutiny.Session session, UUID queryId, String channel, boolean solved) {
        return SqlRows.execute(session, """
                        UPDATE self_service_query SET solved = ?3 WHERE query_id = ?1 AND channel = ?2""",
                        queryId, channel, solved)
                .invoke(updated -> {
                    if (updated == 0) {
                        throw Rejection.notFound("queryId", "no self-service query " + queryId + " from this channel");
                    }
                })
                .replaceWithVoid();
    }

    /**
     * A customer opened a ticket: their queries of the day before with words in common with it were not enough. The
     * customer is the opening's external id, as the channel gave it when asking.
     */
    public Uni<Void> ticketOpened(Mutiny.Session session, UUID ticketId, String customer, String text, Instant at) {
        if (customer == null) {
            return Uni.createFrom().voidItem();
        }
        return SqlRows.execute(session, """
                UPDATE self_service_query SET ticket_id = ?2
                WHERE customer = ?1 AND ticket_id IS NULL AND asked_at BETWEEN ?4 AND ?5
                  AND to_tsvector('simple', text) @@ CAST(NULLIF(replace(CAST(plainto_tsquery('simple', ?3) AS text),
                      '&', '|'), '') AS tsquery)""", customer, ticketId, text, at.minus(FOLLOW_UP), at)
                .replaceWithVoid();
    }

    /** Over the queries asked in [from, to): deflected, not deflected, and still within their day. */
    public Uni<Deflection> deflection(Mutiny.Session session, Instant from, Instant to) {
        Instant settled = clock.instant().minus(FOLLOW_UP);
        return SqlRows.first(session, """
                        SELECT count(*) AS queries,
                            count(*) FILTER (WHERE solved IS TRUE OR (solved IS NULL AND ticket_id IS NULL
                                AND asked_at < ?3)) AS deflected,
                            count(*) FILTER (WHERE solved IS FALSE OR (solved IS NULL AND ticket_id IS NOT NULL))
                                AS not_deflected
                        FROM self_service_query WHERE asked_at >= ?1 AND asked_at < ?2""", from, to, settled)
                .map(r -> {
                    long queries = r.number("queries");
                    long yes = r.number("deflected");
                    long no = r.number("not_deflected");
                    return new Deflection(queries, yes, no, queries - yes - no,
                            yes + no == 0 ? null : (double) yes / (yes + no));
                });
    }
}
