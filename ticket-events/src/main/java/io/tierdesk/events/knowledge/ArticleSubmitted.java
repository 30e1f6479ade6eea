package io.tierdesk.events.knowledge;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.UUID;

/** The draft went to review. */
public record ArticleSubmitted(UUID articleId, long version, String by, Instant at) implements ArticleEvent {
    public ArticleSubmitted {
        Require.present(articleId, "articleId");
        if (version < 1) {
            throw Require.violation("version", "versions count from 1");
        }
        Require.text(by, "by");
        Require.present(at, "at");
    }
}
