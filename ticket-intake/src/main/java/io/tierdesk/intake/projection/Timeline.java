package io.tierdesk.intake.projection;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.inbox.Delivered;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** The journal: every event about a ticket from every service, as intake received it. */
final class Timeline {
    private Timeline() {
    }

    static Uni<Void> record(Mutiny.Session session, Delivered<?> delivered, String actor) {
        UUID ticketId = UUID.fromString(delivered.envelope().subject());
        return session.createNativeMutationQuery("INSERT INTO ticket_timeline (ticket_id, event_id, source, type, actor, "
                        + "occurred_at, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6, CAST(CAST(?7 AS text) AS jsonb)) "
                        + "ON CONFLICT (event_id) DO NOTHING")
                .setParameter(1, ticketId).setParameter(2, delivered.eventId())
                .setParameter(3, delivered.envelope().source()).setParameter(4, delivered.envelope().type())
                .setParameter(5, actor).setParameter(6, io.tierdesk.eventing.store.SqlTime.utc(delivered.time()))
                .setParameter(7, new String(delivered.envelope().data(), StandardCharsets.UTF_8))
                .executeUpdate().replaceWithVoid();
    }
}
