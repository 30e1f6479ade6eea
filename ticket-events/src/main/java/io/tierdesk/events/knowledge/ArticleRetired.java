package io.tierdesk.events.knowledge;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.UUID;

/** The article is no longer offered; search stops finding it. */
public record ArticleRetired(UUID articleId, long version, String by, String comment, Instant at)
        implements ArticleEvent {
    public ArticleRetired {
        Require.present(articleId, "articleId");
        if (version < 1) {
            throw Require.violation("version", "versions count from 1");
        }
        Require.text(by, "by");
        Require.present(at, "at");
    }
}
