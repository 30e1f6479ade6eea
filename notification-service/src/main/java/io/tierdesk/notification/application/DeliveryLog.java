package io.tierdesk.notification.application;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.api.Paging;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.eventing.store.SqlRows;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** The delivery log as people read it: what was sent to whom, what waits, what died and why; a dead one again. */
@ApplicationScoped
public class DeliveryLog {
    public record DeliveryView(UUID deliveryId, UUID ticketId, String eventId, String kind, String audience,
            String recipient, String medium, String language, String subject, String state, long attempts,
            Instant nextAttemptAt, String lastError, Instant createdAt, Instant deliveredAt, String fallback) {
    }

    private final Mutiny.SessionFactory sessions;
    private final DeliveryWorker worker;
    private final Webhooks webhooks;
    private final Clock clock;

    public DeliveryLog(Mutiny.SessionFactory sessions, DeliveryWorker worker, Webhooks webhooks, Clock clock) {
        this.sessions = sessions;
        this.worker = worker;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    /**
     * Newest first; {@code ticketId}, {@code state} and {@code agent} (only the notices addressed to that agent) narrow
     * it when given.
     */
    public Uni<List<DeliveryView>> list(UUID ticketId, String state, String agent, Paging page) {
        return sessions.withSession(session -> SqlRows.select(session, """
                        SELECT * FROM delivery
                        WHERE (?1 = '' OR ticket_id = CAST(NULLIF(?1, '') AS uuid)) AND (?2 = '' OR state = ?2)
                          AND (?3 = '' OR audience = 'agent' AND recipient = ?3)
                        ORDER BY created_at DESC, delivery_id""" + page.sql(),
                        ticketId == null ? "" : ticketId.toString(), state == null ? "" : state,
                        agent == null ? "" : agent))
                .map(rows -> rows.stream().map(DeliveryLog::view).toList());
    }

    /** A dead delivery goes again from its first attempt; any other state is a conflict. */
    public Uni<DeliveryView> retry(UUID deliveryId) {
        Instant now = clock.instant();
        return sessions.withTransaction(session -> SqlRows.first(session,
                        "SELECT state, medium, recipient FROM delivery WHERE delivery_id = ?1 FOR UPDATE", deliveryId)
                .chain(row -> {
                    if (row == null) {
                        throw Rejection.notFound("deliveryId", "no delivery " + deliveryId);
                    }
                    if (!row.text("state").equals("dead")) {
                        throw Rejection.conflict("state", "only a dead delivery is retried; this one is "
                                + row.text("state"));
                    }
                    // A disabled endpoint (a 410, an operator) gets nothing until an admin saves it again.
                    if (row.text("medium").equals("webhook") && webhooks.find(row.text("recipient"))
                            .map(w -> !w.enabled()).orElse(false)) {
                        throw Rejection.conflict("webhook", "webhook " + row.text("recipient") + " is disabled; an "
                                + "admin enables it by saving it again (PUT /api/v1/webhooks/{id})");
                    }
                    return SqlRows.first(session, """
                            UPDATE delivery SET state = 'pending', attempts = 0, next_attempt_at = ?2
                            WHERE delivery_id = ?1 RETURNING *""", deliveryId, now);
                }))
                .map(DeliveryLog::view)
                .invoke(() -> worker.wake(now));
    }

    private static DeliveryView view(SqlRows.Row r) {
        return new DeliveryView(r.uuid("delivery_id"), r.uuid("ticket_id"), r.text("event_id"), r.text("kind"),
                r.text("audience"), r.text("recipient"), r.text("medium"), r.text("language"), r.text("subject"),
                r.text("state"), r.number("attempts"), r.instant("next_attempt_at"), r.text("last_error"),
                r.instant("created_at"), r.instant("delivered_at"), r.text("fallback"));
    }
}
