package io.tierdesk.events.knowledge;

import io.tierdesk.events.Require;
import java.util.UUID;

/** One article offered for a ticket, with its match score (higher is better). */
public record SuggestedArticle(UUID articleId, String title, double score) {
    public SuggestedArticle {
        Require.present(articleId, "articleId");
        Require.text(title, "title");
    }
}
