package io.tierdesk.events.knowledge;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.UUID;

/** A reviewer published the version: it is what search finds from now on. */
public record ArticlePublished(UUID articleId, long version, String by, String comment, Instant at)
        implements ArticleEvent {
    public ArticlePublished {
        Require.present(articleId, "articleId");
        if (version < 1) {
            throw Require.violation("version", "versions count from 1");
        }
        Require.text(by, "by");
        Require.present(at, "at");
    }
}
