package io.tierdesk.knowledge.application;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.store.SqlRows;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.hibernate.reactive.mutiny.Mutiny;

/** Searches that found nothing, counted per query as typed (lower case, {@code ё} as {@code е}, spaces collapsed). */
@ApplicationScoped
public class SearchGaps {
    public record Gap(String query, long searches, Instant firstAt, Instant lastAt) {
    }

    private final Clock clock;

    public SearchGaps(Clock clock) {
        this.clock = clock;
    }

    public Uni<Void> record(Mutiny.Session session, String query) {
        Instant now = clock.instant();
        return SqlRows.execute(session, """
                        INSERT INTO search_gap (query, searches, first_at, last_at) VALUES (?1, 1, ?2, ?2)
                        ON CONFLICT (query) DO UPDATE SET searches = search_gap.searches + 1, last_at = EXCLUDED.last_at""",
                normal(query), now).replaceWithVoid();
    }

    /** The most searched first. */
    public Uni<List<Gap>> top(Mutiny.Session session, int limit) {
        return SqlRows.select(session, """
                        SELECT query, searches, first_at, last_at FROM search_gap
                        ORDER BY searches DESC, last_at DESC LIMIT ?1""", limit)
                .map(rows -> rows.stream().map(r -> new Gap(r.text("query"), r.number("searches"),
                        r.instant("first_at"), r.instant("last_at"))).toList());
    }

    static String normal(String query) {
        return query.toLowerCase(Locale.ROOT).replace('ё', 'е').strip().replaceAll("\\s+", " ");
    }
}
