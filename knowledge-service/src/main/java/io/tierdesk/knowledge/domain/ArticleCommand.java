package io.tierdesk.knowledge.domain;

import io.tierdesk.events.knowledge.ArticleContent;
import java.util.UUID;

/** What an agent or a kb-editor asks of an article. */
public sealed interface ArticleCommand {
    /** A new article, its first version a draft. */
    record WriteArticle(UUID articleId, ArticleContent content) implements ArticleCommand {
    }

    /** A new version of the text, made from {@code basedOn} (the version the writer read: If-Match). */
    record ReviseArticle(long basedOn, ArticleContent content) implements ArticleCommand {
    }

    /** A ticket was resolved with the article. */
    record LinkTicket(UUID ticketId) implements ArticleCommand {
    }

    /** A step of the review: to in-review, published, back to draft (with the reviewer's comment) or retired. */
    record MoveArticle(ArticleState to, String comment) implements ArticleCommand {
    }
}
