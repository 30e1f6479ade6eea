package io.tierdesk.events.knowledge;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.UUID;

/** An article was written: its first version, a draft. */
public record ArticleDrafted(UUID articleId, long version, ArticleContent content, String by, Instant at)
        implements ArticleEvent {
    public ArticleDrafted {
        Require.present(articleId, "articleId");
        if (version < 1) {
            throw Require.violation("version", "versions count from 1");
        }
        Require.present(content, "content");
        Require.text(by, "by");
        Require.present(at, "at");
    }
}
