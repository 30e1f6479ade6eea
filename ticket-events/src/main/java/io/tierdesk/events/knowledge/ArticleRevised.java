package io.tierdesk.events.knowledge;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.UUID;

/** A new version of the text, a draft; a published version stays live until this one is published. */
public record ArticleRevised(UUID articleId, long version, ArticleContent content, String by, Instant at)
        implements ArticleEvent {
    public ArticleRevised {
        Require.present(articleId, "articleId");
        if (version < 1) {
            throw Require.violation("version", "versions count from 1");
        }
        Require.present(content, "content");
        Require.text(by, "by");
        Require.present(at, "at");
    }
}
