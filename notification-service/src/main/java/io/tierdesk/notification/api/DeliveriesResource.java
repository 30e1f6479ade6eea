package io.tierdesk.notification.api;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.eventing.store.SqlRows;
import io.tierdesk.notification.application.DeliveryWorker;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** The delivery log: what was sent to whom, what waits, what died and why; a dead delivery may be sent again. */
@Path("/api/v1/deliveries")
public class DeliveriesResource {
    static final Set<String> STATES = Set.of("pending", "sending", "delivered", "dead");

    public record DeliveryView(UUID deliveryId, UUID ticketId, String eventId, String kind, String audience,
            String recipient, String medium, String language, String subject, String state, long attempts,
            Instant nextAttemptAt, String lastError, Instant createdAt, Instant deliveredAt, String fallback) {
    }

    private final Mutiny.SessionFactory sessions;
    private final DeliveryWorker worker;
    private final Clock clock;
    private final io.quarkus.security.identity.SecurityIdentity identity;
    private final io.tierdesk.notification.application.Webhooks webhooks;

    public DeliveriesResource(Mutiny.SessionFactory sessions, DeliveryWorker worker, Clock clock,
            io.quarkus.security.identity.SecurityIdentity identity,
            io.tierdesk.notification.application.Webhooks webhooks) {
        this.webhooks = webhooks;
        this.sessions = sessions;
        this.worker = worker;
        this.clock = clock;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({"admin", "supervisor", "agent"})
    public Uni<List<DeliveryView>> list(@QueryParam("ticketId") UUID ticketId, @QueryParam("state") String state,
            @QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        if (state != null && !STATES.contains(state)) {
            throw Rejection.invalid("state", "one of " + STATES);
        }
        io.tierdesk.eventing.api.Paging page = io.tierdesk.eventing.api.Paging.of(limit, offset);
        // An agent reads the notices addressed to them, not customers' addresses or other receivers' errors.
        String onlyFor = identity.hasRole("supervisor") || identity.hasRole("admin") ? ""
                : identity.getPrincipal().getName();
        return sessions.withSession(session -> SqlRows.select(session, """
                        SELECT * FROM delivery
                        WHERE (?1 = '' OR ticket_id = CAST(NULLIF(?1, '') AS uuid)) AND (?2 = '' OR state = ?2)
                          AND (?3 = '' OR audience = 'agent' AND recipient = ?3)
                        ORDER BY created_at DESC, delivery_id""" + page.sql(),
                        ticketId == null ? "" : ticketId.toString(), state == null ? "" : state, onlyFor))
                .map(rows -> rows.stream().map(DeliveriesResource::view).toList());
    }

    /** A dead delivery goes again from its first attempt; any other state is 409. */
    @POST
    @Path("{deliveryId}/retry")
    @RolesAllowed({"admin", "supervisor"})
    public Uni<DeliveryView> retry(@PathParam("deliveryId") UUID deliveryId) {
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
                .map(DeliveriesResource::view)
                .invoke(() -> worker.wake(now));
    }

    private static DeliveryView view(SqlRows.Row r) {
        return new DeliveryView(r.uuid("delivery_id"), r.uuid("ticket_id"), r.text("event_id"), r.text("kind"),
                r.text("audience"), r.text("recipient"), r.text("medium"), r.text("language"), r.text("subject"),
                r.text("state"), r.number("attempts"), r.instant("next_attempt_at"), r.text("last_error"),
                r.instant("created_at"), r.instant("delivered_at"), r.text("fallback"));
    }
}
