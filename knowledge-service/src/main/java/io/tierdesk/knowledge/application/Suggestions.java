package io.tierdesk.knowledge.application;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.store.EventMetadata;
import io.tierdesk.eventing.store.EventStore;
import io.tierdesk.eventing.store.ExpectedVersion;
import io.tierdesk.eventing.store.SqlRows;
import io.tierdesk.events.knowledge.SolutionsSuggested;
import io.tierdesk.events.knowledge.SuggestedArticle;
import io.tierdesk.knowledge.projection.SearchIndex;
import io.tierdesk.knowledge.search.ArticleIndex;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

/**
 * Articles that may solve a ticket, the moment its customer writes: searched with what the customer said (and the
 * ticket's subject), every audience — suggestions are for agents —, published as {@code SolutionsSuggested} even
 * when empty, and kept as the ticket's latest suggestion.
 */
@ApplicationScoped
public class Suggestions {
    public static final String STREAM = "suggestion";
    static final int LIMIT = 5;

    private static final Logger LOG = Logger.getLogger(Suggestions.class);

    private final SearchIndex index;
    private final EventStore store;
    private final Clock clock;
    private final MeterRegistry metrics;

    public Suggestions(SearchIndex index, EventStore store, Clock clock,
            MeterRegistry metrics) {
        this.index = index;
        this.store = store;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * What the index suggests; nothing when the search fails. A search is a hint for the agent: its failure must not
     * hold up the ticket's event (its context, the self-service credit) nor send it to the dead-letter topic.
     */
    private List<SuggestedArticle> found(UUID ticketId, String text) {
        try {
            return index.search(text, ArticleIndex.Filter.NONE, LIMIT).stream()
                    .map(h -> new SuggestedArticle(h.articleId(), h.title(), h.score())).toList();
        } catch (RuntimeException e) {
            LOG.warnf(e, "search for ticket %s failed; it gets no suggestions this time", ticketId);
            metrics.counter("tierdesk.knowledge.suggestions.failed").increment();
            return List.of();
        }
    }

    /** A ticket opened: remember its subject, suggest from subject, body and diagnostics. */
    public Uni<Void> opened(Mutiny.Session session, UUID ticketId, String subject, String text) {
        return remember(session, ticketId, subject, text).chain(() -> suggest(session, ticketId, subject + "\n" + text));
    }

    /** The ticket's subject and text, kept for the suggestions its later messages get. */
    public Uni<Void> remember(Mutiny.Session session, UUID ticketId, String subject, String text) {
        return SqlRows.execute(session, """
                        INSERT INTO ticket_context (ticket_id, subject, body) VALUES (?1, ?2, ?3)
                        ON CONFLICT (ticket_id) DO NOTHING""", ticketId, subject, text).replaceWithVoid();
    }

    /** The customer wrote again: suggest from the message and the ticket's subject. */
    public Uni<Void> customerWrote(Mutiny.Session session, UUID ticketId, String message) {
        return SqlRows.first(session, "SELECT subject FROM ticket_context WHERE ticket_id = ?1", ticketId)
                .chain(row -> suggest(session, ticketId, (row == null ? "" : row.text("subject") + "\n") + message));
    }

    public Uni<Optional<SolutionsSuggested>> latest(Mutiny.Session session, UUID ticketId) {
        return SqlRows.first(session, """
                        SELECT CAST(articles AS text) AS articles, suggested_at FROM ticket_suggestion
                        WHERE ticket_id = ?1""", ticketId)
                .map(row -> Optional.ofNullable(row).map(r -> new SolutionsSuggested(ticketId, List.of(
                        r.json("articles", SuggestedArticle[].class)),
                        r.instant("suggested_at"))));
    }

    private Uni<Void> suggest(Mutiny.Session session, UUID ticketId, String text) {
        Instant now = clock.instant();
        List<SuggestedArticle> articles = text.isBlank() ? List.of() : found(ticketId, text);
        SolutionsSuggested event = new SolutionsSuggested(ticketId, articles, now);
        return store.append(session, STREAM, ticketId.toString(), ExpectedVersion.ANY, List.of(event),
                        EventMetadata.actor("knowledge-service"), now)
                .chain(() -> SqlRows.execute(session, """
                        INSERT INTO ticket_suggestion (ticket_id, articles, suggested_at)
                        VALUES (?1, CAST(CAST(?2 AS text) AS jsonb), ?3) ON CONFLICT (ticket_id) DO UPDATE
                        SET articles = EXCLUDED.articles, suggested_at = EXCLUDED.suggested_at""", ticketId,
                        SqlRows.json(articles), now))
                .replaceWithVoid();
    }
}
