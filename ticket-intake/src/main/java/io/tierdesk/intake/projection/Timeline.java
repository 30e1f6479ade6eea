package io.tierdesk.intake.projection;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.inbox.Delivered;
import io.tierdesk.eventing.store.SqlRows;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.hibernate.reactive.mutiny.Mutiny;

/** The journal: every event about a ticket from every service, as intake received it. */
final class Timeline {
    private Timeline() {
    }

    /** A poll's events, one statement, in the order they came (the journal's positions follow it). */
    static <T> Uni<Void> record(Mutiny.Session session, List<Delivered<T>> events,
            Function<Delivered<T>, String> actor) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return SqlRows.execute(session, """
                        INSERT INTO ticket_timeline (ticket_id, event_id, source, type, actor, occurred_at, data)
                        SELECT CAST(x.ticket_id AS uuid), x.event_id, x.source, x.type, x.actor,
                            CAST(x.occurred_at AS timestamptz), CAST(x.data AS jsonb)
                        FROM unnest(CAST(?1 AS text[]), CAST(?2 AS text[]), CAST(?3 AS text[]), CAST(?4 AS text[]),
                            CAST(?5 AS text[]), CAST(?6 AS text[]), CAST(?7 AS text[]))
                            WITH ORDINALITY AS x(ticket_id, event_id, source, type, actor, occurred_at, data, n)
                        ORDER BY x.n
                        ON CONFLICT (event_id) DO NOTHING""",
                        column(events, d -> d.envelope().subject()), column(events, Delivered::eventId),
                        column(events, d -> d.envelope().source()), column(events, d -> d.envelope().type()),
                        column(events, actor),
                        // As ISO-8601 text: the driver binds no array of timestamps from a native query.
                        column(events, d -> d.time().toString()),
                        column(events, d -> new String(d.envelope().data(), StandardCharsets.UTF_8)))
                .replaceWithVoid();
    }

    private static <T> String[] column(List<Delivered<T>> events, Function<Delivered<T>, String> value) {
        return events.stream().map(value).toArray(String[]::new);
    }
}
