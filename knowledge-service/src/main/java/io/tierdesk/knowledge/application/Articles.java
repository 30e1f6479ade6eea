package io.tierdesk.knowledge.application;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.eventing.store.EventMetadata;
import io.tierdesk.eventing.store.EventSourcing;
import io.tierdesk.eventing.store.SqlRows;
import io.tierdesk.events.knowledge.ArticleContent;
import io.tierdesk.events.knowledge.ArticleDrafted;
import io.tierdesk.events.knowledge.ArticleEvent;
import io.tierdesk.events.knowledge.ArticleRevised;
import io.tierdesk.knowledge.domain.Article;
import io.tierdesk.knowledge.domain.ArticleCommand;
import io.tierdesk.knowledge.domain.ArticleDecider;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Articles as event streams: a command reads the stream, the decider answers, and the events and the article's rows
 * are written in the caller's transaction (the stream's version check makes a concurrent writer lose with a 409).
 */
@ApplicationScoped
public class Articles {
    public static final String STREAM = "article";

    private final EventSourcing sourcing;
    private final Clock clock;

    public Articles(EventSourcing sourcing, Clock clock) {
        this.sourcing = sourcing;
        this.clock = clock;
    }

    /** The article after a command: what the answer shows and tags. */
    public record Outcome(UUID articleId, long version, String state, Long liveVersion) {
        static Outcome of(Article article) {
            return new Outcome(article.articleId(), article.latestVersion(), article.state().wireName(),
                    article.liveVersion());
        }
    }

    public Uni<Optional<Article>> load(Mutiny.Session session, UUID articleId) {
        return sourcing.load(session, articleId.toString(), ArticleDecider.at(clock.instant()), ArticleEvent.class)
                .map(loaded -> Optional.ofNullable(loaded.state()));
    }

    public Uni<Outcome> execute(Mutiny.Session session, UUID articleId, ArticleCommand command,
            ArticleDecider.Actor actor) {
        Instant now = clock.instant();
        return sourcing.execute(session, STREAM, articleId.toString(), ArticleDecider.at(now), ArticleEvent.class,
                        command, actor, EventMetadata.actor(actor.id()), now)
                .chain(outcome -> outcome.changed()
                        ? project(session, outcome.state(), outcome.events(), now).replaceWith(outcome)
                        : Uni.createFrom().item(outcome))
                .map(outcome -> Outcome.of(outcome.state()));
    }

    private static Uni<Void> project(Mutiny.Session session, Article article, List<ArticleEvent> events,
            Instant now) {
        ArticleContent latest = article.latest();
        Uni<Integer> row = SqlRows.execute(session, """
                        INSERT INTO article (article_id, state, latest_version, live_version, title, language,
                            audience, tier, products, author, comment, updated_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, CAST(?9 AS text[]), ?10, ?11, ?12)
                        ON CONFLICT (article_id) DO UPDATE SET state = EXCLUDED.state,
                            latest_version = EXCLUDED.latest_version, live_version = EXCLUDED.live_version,
                            title = EXCLUDED.title, language = EXCLUDED.language, audience = EXCLUDED.audience,
                            tier = EXCLUDED.tier, products = EXCLUDED.products, comment = EXCLUDED.comment,
                            updated_at = EXCLUDED.updated_at""",
                article.articleId(), article.state().wireName(), article.latestVersion(),
                SqlRows.nullable(article.liveVersion(), Long.class), latest.title(),
                latest.language().wireName(), latest.audience().wireName(), latest.tier().name(),
                latest.products().toArray(String[]::new), article.author(),
                SqlRows.nullable(article.comment(), String.class), now);
        for (ArticleEvent event : events) {
            ArticleContent content = switch (event) {
                case ArticleDrafted e -> e.content();
                case ArticleRevised e -> e.content();
                default -> null;
            };
            if (content != null) {
                row = row.chain(() -> SqlRows.execute(session, """
                        INSERT INTO article_version (article_id, version, content, written_by, written_at)
                        VALUES (?1, ?2, CAST(CAST(?3 AS text) AS jsonb), ?4, ?5)""", event.articleId(),
                        event.version(), SqlRows.json(content), event.by(),
                        event.at()));
            }
        }
        return row.replaceWithVoid();
    }

    /** One version's text, or a 404 naming what is missing. */
    public static ArticleContent version(Article article, long version) {
        ArticleContent content = article.version(version);
        if (content == null) {
            throw Rejection.notFound("version", "article " + article.articleId() + " has versions 1 to "
                    + article.latestVersion());
        }
        return content;
    }
}
