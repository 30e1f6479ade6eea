package io.tierdesk.events.knowledge;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.UUID;

/** A reviewer sent the version back to its author, saying why. */
public record ArticleReturnedToDraft(UUID articleId, long version, String by, String comment, Instant at)
        implements ArticleEvent {
    public ArticleReturnedToDraft {
        Require.present(articleId, "articleId");
        if (version < 1) {
            throw Require.violation("version", "versions count from 1");
        }
        Require.text(comment, "comment");
        Require.text(by, "by");
        Require.present(at, "at");
    }
}
