package io.tierdesk.events.knowledge;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.UUID;

/** A ticket was resolved with the article: it solved one more problem (its use count grows). */
public record ArticleLinked(UUID articleId, long version, UUID ticketId, String by, Instant at)
        implements ArticleEvent {
    public ArticleLinked {
        Require.present(articleId, "articleId");
        if (version < 1) {
            throw Require.violation("version", "versions count from 1");
        }
        Require.present(ticketId, "ticketId");
        Require.text(by, "by");
        Require.present(at, "at");
    }
}
