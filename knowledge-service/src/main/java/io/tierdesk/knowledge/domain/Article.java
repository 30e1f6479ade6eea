package io.tierdesk.knowledge.domain;

import io.tierdesk.events.knowledge.ArticleContent;
import io.tierdesk.events.knowledge.ArticleDrafted;
import io.tierdesk.events.knowledge.ArticleEvent;
import io.tierdesk.events.knowledge.ArticleLinked;
import io.tierdesk.events.knowledge.ArticlePublished;
import io.tierdesk.events.knowledge.ArticleReturnedToDraft;
import io.tierdesk.events.knowledge.ArticleRetired;
import io.tierdesk.events.knowledge.ArticleRevised;
import io.tierdesk.events.knowledge.ArticleSubmitted;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.HashSet;
import java.util.Set;

/**
 * An article as its events leave it: every version of its text, where the latest stands in review, and which version
 * is live (published and not retired) — an edit of a published article is a new draft while the published version
 * stays live.
 *
 * @param versions    every version's text; version n is {@code versions.get(n - 1)}
 * @param state       the latest version's state
 * @param liveVersion the version search offers, or null
 * @param author      who wrote the first version
 * @param comment     the latest reviewer's comment, or null
 * @param tickets     the tickets resolved with it, each once: its use count
 */
public record Article(UUID articleId, List<ArticleContent> versions, ArticleState state, Long liveVersion,
        String author, String comment, Set<UUID> tickets) {
    public Article {
        versions = List.copyOf(versions);
        tickets = Set.copyOf(tickets);
    }

    public long latestVersion() {
        return versions.size();
    }

    public ArticleContent latest() {
        return versions.get(versions.size() - 1);
    }

    public ArticleContent version(long version) {
        return version >= 1 && version <= versions.size() ? versions.get((int) version - 1) : null;
    }

    /** The article after its whole stream, or null when the stream is empty. */
    public static Article replay(List<? extends ArticleEvent> events) {
        Article article = null;
        for (ArticleEvent event : events) {
            article = apply(article, event);
        }
        return article;
    }

    public static Article apply(Article article, ArticleEvent event) {
        return switch (event) {
            case ArticleDrafted e -> new Article(e.articleId(), List.of(e.content()), ArticleState.DRAFT, null, e.by(),
                    null, Set.of());
            case ArticleRevised e -> {
                List<ArticleContent> versions = new ArrayList<>(article.versions());
                versions.add(e.content());
                yield new Article(article.articleId(), versions, ArticleState.DRAFT, article.liveVersion(),
                        article.author(), article.comment(), article.tickets());
            }
            case ArticleSubmitted e -> article.with(ArticleState.IN_REVIEW, article.liveVersion(), article.comment());
            case ArticlePublished e -> article.with(ArticleState.PUBLISHED, e.version(), e.comment());
            case ArticleReturnedToDraft e -> article.with(ArticleState.DRAFT, article.liveVersion(), e.comment());
            case ArticleRetired e -> article.with(ArticleState.RETIRED, null, e.comment());
            case ArticleLinked e -> {
                Set<UUID> tickets = new HashSet<>(article.tickets());
                tickets.add(e.ticketId());
                yield new Article(article.articleId(), article.versions(), article.state(), article.liveVersion(),
                        article.author(), article.comment(), tickets);
            }
        };
    }

    private Article with(ArticleState state, Long liveVersion, String comment) {
        return new Article(articleId, versions, state, liveVersion, author, comment, tickets);
    }
}
