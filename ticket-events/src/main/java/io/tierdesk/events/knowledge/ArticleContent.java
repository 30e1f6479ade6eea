package io.tierdesk.events.knowledge;

import io.tierdesk.events.Require;
import io.tierdesk.events.routing.Tier;
import java.util.List;
import java.util.UUID;

/**
 * One version of an article's text and facets. Text fields are Markdown (CommonMark), rendered and sanitised by the
 * reader.
 *
 * @param tier          the line it is written for
 * @param translationOf the article this one translates, or null for an original
 */
public record ArticleContent(String title, String problem, String cause, String solution, Language language,
        Audience audience, Tier tier, List<String> products, List<String> tags, UUID translationOf,
        List<UUID> related) {
    public ArticleContent {
        Require.text(title, "title");
        Require.text(solution, "solution");
        Require.present(tier, "tier");
        Require.present(language, "language");
        Require.present(audience, "audience");
        products = Require.list(products);
        tags = Require.list(tags);
        related = Require.list(related);
    }
}
