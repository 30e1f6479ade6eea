package io.tierdesk.eventing.store;

import io.smallrye.mutiny.Uni;
import java.util.Collection;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Transaction-scoped advisory locks named by text: whoever decides on the same names waits for the one deciding now,
 * until its transaction ends. Several are taken in one statement and in name order, so two callers holding some of
 * the same names never wait for each other in a circle.
 */
public final class AdvisoryLocks {
    private AdvisoryLocks() {
    }

    /** Takes the lock of every name (each once), in the caller's transaction. */
    public static Uni<Void> lockAll(Mutiny.Session session, Collection<String> names) {
        String[] keys = names.stream().distinct().sorted().toArray(String[]::new);
        if (keys.length == 0) {
            return Uni.createFrom().voidItem();
        }
        return SqlRows.select(session, """
                SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0))) AS locked
                FROM (SELECT k FROM unnest(CAST(?1 AS text[])) AS x(k) ORDER BY k) AS ordered""", (Object) keys)
                .replaceWithVoid();
    }
}
