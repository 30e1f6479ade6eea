package io.tierdesk.events.knowledge;

import java.time.Instant;
import java.util.UUID;

/** What happened to an article: its stream, keyed by article id, holds every version and every review step. */
public sealed interface ArticleEvent extends KnowledgeEvent permits ArticleDrafted, ArticleRevised, ArticleSubmitted,
        ArticlePublished, ArticleReturnedToDraft, ArticleRetired, ArticleLinked {
    UUID articleId();

    /** The version of the text the event is about. */
    long version();

    /** Who did it. */
    String by();

    Instant at();
}
