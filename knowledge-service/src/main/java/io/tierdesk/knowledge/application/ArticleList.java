package io.tierdesk.knowledge.application;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.eventing.store.KeysetCursor;
import io.tierdesk.eventing.store.SqlRows;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Articles as editors browse them: most recently changed first, filtered by state, language and product, in pages
 * that continue from a cursor (the last row's change time and id), so that a page never repeats or skips a row
 * when articles change between two pages.
 */
@ApplicationScoped
public class ArticleList {
    public record Row(UUID articleId, String title, String state, long latestVersion, Long liveVersion,
            String language, String audience, String tier, List<String> products, Instant updatedAt) {
    }

    public record Page(List<Row> items, String next) {
    }

    public Uni<Page> page(Mutiny.Session session, String state, String language, String product, String cursor,
            int limit) {
        KeysetCursor position = KeysetCursor.decode(cursor);
        Instant after = Instant.parse("9999-12-31T23:59:59Z");
        String afterId = "ffffffff-ffff-ffff-ffff-ffffffffffff";
        if (position != null) {
            try {
                after = Instant.parse(position.key());
            } catch (RuntimeException e) {
                throw Rejection.invalid("cursor", "is not a cursor this list gave out");
            }
            afterId = position.id().toString();
        }
        return SqlRows.select(session, """
                        SELECT article_id, title, state, latest_version, live_version, language, audience, tier,
                            array_to_string(products, '|') AS products, updated_at
                        FROM article
                        WHERE (?1 = '' OR state = ?1) AND (?2 = '' OR language = ?2) AND (?3 = '' OR ?3 = ANY(products))
                          AND (updated_at, article_id) < (?4, CAST(?5 AS uuid))
                        ORDER BY updated_at DESC, article_id DESC LIMIT ?6""",
                        blank(state), blank(language), blank(product), after, afterId, limit + 1)
                .map(rows -> {
                    List<Row> items = rows.stream().limit(limit).map(r -> new Row(r.uuid("article_id"),
                            r.text("title"), r.text("state"), r.number("latest_version"),
                            r.numberOrNull("live_version"), r.text("language"), r.text("audience"), r.text("tier"),
                            r.text("products").isEmpty() ? List.of() : Arrays.asList(r.text("products").split("\\|")),
                            r.instant("updated_at"))).toList();
                    String next = rows.size() > limit ? cursor(items.get(items.size() - 1)) : null;
                    return new Page(items, next);
                });
    }

    private static String cursor(Row last) {
        return new KeysetCursor(last.updatedAt().toString(), last.articleId()).encode();
    }

    private static String blank(String value) {
        return value == null ? "" : value;
    }
}
