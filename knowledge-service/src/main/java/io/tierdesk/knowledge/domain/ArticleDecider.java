package io.tierdesk.knowledge.domain;

import io.tierdesk.eventing.domain.Decider;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.events.knowledge.ArticleDrafted;
import io.tierdesk.events.knowledge.ArticleEvent;
import io.tierdesk.events.knowledge.ArticleLinked;
import io.tierdesk.events.knowledge.ArticlePublished;
import io.tierdesk.events.knowledge.ArticleReturnedToDraft;
import io.tierdesk.events.knowledge.ArticleRetired;
import io.tierdesk.events.knowledge.ArticleRevised;
import io.tierdesk.events.knowledge.ArticleSubmitted;
import java.time.Instant;
import java.util.List;

/**
 * The rules of an article's life. Agents write, revise and submit; kb-editors also publish, send back to draft and
 * retire. The state is judged before the role, so a 409 names what the article's state forbids whoever asks.
 *
 * <pre>
 * from \ to   in-review  published  draft               retired
 * draft       anyone     -          -                   editor
 * in-review   -          editor     editor, with reason editor
 * published   -          -          -                   editor
 * retired     -          -          -                   -
 * </pre>
 * Revising is allowed in draft and published (a new draft version; the published one stays live until it is
 * replaced), not in review and not once retired.
 */
public final class ArticleDecider implements Decider<Article, ArticleCommand, ArticleEvent, ArticleDecider.Actor> {
    /** Who acts: an agent, or a kb-editor (who may also review). */
    public record Actor(String id, boolean editor) {
    }

    private final Instant now;

    private ArticleDecider(Instant now) {
        this.now = now;
    }

    /** The rules deciding at {@code now}: the moment every event they make carries. */
    public static ArticleDecider at(Instant now) {
        return new ArticleDecider(now);
    }

    /** No article yet: a stream without events. */
    @Override
    public Article initial() {
        return null;
    }

    @Override
    public Article evolve(Article article, ArticleEvent event) {
        return Article.apply(article, event);
    }

    @Override
    public List<ArticleEvent> decide(Article article, ArticleCommand command, Actor actor) {
        return switch (command) {
            case ArticleCommand.WriteArticle c -> {
                if (article != null) {
                    throw Rejection.conflict("articleId", "article " + c.articleId() + " exists already");
                }
                yield List.of(new ArticleDrafted(c.articleId(), 1, c.content(), actor.id(), now));
            }
            case ArticleCommand.ReviseArticle c -> revise(existing(article), c, actor, now);
            case ArticleCommand.MoveArticle c -> move(existing(article), c, actor, now);
            // Once per ticket, whatever the article's state: a ticket solved with it counts as a use.
            case ArticleCommand.LinkTicket c -> existing(article).tickets().contains(c.ticketId()) ? List.of()
                    : List.of(new ArticleLinked(article.articleId(), article.liveVersion() != null
                            ? article.liveVersion() : article.latestVersion(), c.ticketId(), actor.id(), now));
        };
    }

    private static Article existing(Article article) {
        if (article == null) {
            throw Rejection.notFound("articleId", "no such article");
        }
        return article;
    }

    private static List<ArticleEvent> revise(Article article, ArticleCommand.ReviseArticle c, Actor actor,
            Instant now) {
        switch (article.state()) {
            case IN_REVIEW -> throw Rejection.conflict("state", "version " + article.latestVersion()
                    + " is in review; a kb-editor sends it back to draft before it is changed");
            case RETIRED -> throw Rejection.conflict("state", "the article is retired; write a new one");
            case DRAFT, PUBLISHED -> {
            }
        }
        if (c.basedOn() != article.latestVersion()) {
            throw new Rejection(Rejection.Kind.PRECONDITION_FAILED, "If-Match", "version " + c.basedOn()
                    + " is not the latest; the latest is " + article.latestVersion() + ": read it again", null, null);
        }
        if (c.content().equals(article.latest())) {
            return List.of();
        }
        return List.of(new ArticleRevised(article.articleId(), article.latestVersion() + 1, c.content(), actor.id(),
                now));
    }

    private static List<ArticleEvent> move(Article article, ArticleCommand.MoveArticle c, Actor actor, Instant now) {
        ArticleState from = article.state();
        long version = article.latestVersion();
        if (from == ArticleState.RETIRED) {
            throw Rejection.conflict("to", "the article is retired and stays so; write a new one");
        }
        if (c.to() == ArticleState.IN_REVIEW) {
            if (from != ArticleState.DRAFT) {
                throw Rejection.conflict("to", "only a draft goes to review; version " + version + " is "
                        + from.wireName() + (from == ArticleState.PUBLISHED ? " (edit it to start a new draft)" : ""));
            }
            return List.of(new ArticleSubmitted(article.articleId(), version, actor.id(), now));
        }
        if (c.to() == ArticleState.PUBLISHED || c.to() == ArticleState.DRAFT) {
            if (from != ArticleState.IN_REVIEW) {
                throw Rejection.conflict("to", "only a version in review is " + (c.to() == ArticleState.PUBLISHED
                        ? "published" : "sent back to draft") + "; version " + version + " is " + from.wireName());
            }
        }
        if (!actor.editor()) {
            throw Rejection.forbidden("kb-editor", "only a kb-editor " + switch (c.to()) {
                case PUBLISHED -> "publishes";
                case DRAFT -> "sends an article back to draft";
                default -> "retires";
            } + " articles");
        }
        return switch (c.to()) {
            case PUBLISHED -> List.of(new ArticlePublished(article.articleId(), version, actor.id(), c.comment(), now));
            case DRAFT -> {
                if (c.comment() == null || c.comment().isBlank()) {
                    throw Rejection.invalid("comment", "say what the author should change");
                }
                yield List.of(new ArticleReturnedToDraft(article.articleId(), version, actor.id(), c.comment(), now));
            }
            case RETIRED -> List.of(new ArticleRetired(article.articleId(), version, actor.id(), c.comment(), now));
            case IN_REVIEW -> throw new IllegalStateException("handled above");
        };
    }
}
