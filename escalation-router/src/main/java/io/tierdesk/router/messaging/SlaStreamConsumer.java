package io.tierdesk.router.messaging;

import io.smallrye.mutiny.Uni;
import io.tierdesk.events.sla.SlaBreached;
import io.tierdesk.events.sla.SlaClockResumed;
import io.tierdesk.events.sla.SlaClockStarted;
import io.tierdesk.events.sla.SlaEvent;
import io.tierdesk.eventing.inbox.Inbox;
import io.tierdesk.router.application.Router;
import io.tierdesk.router.domain.Escalation;
import io.tierdesk.router.domain.EscalationRejected;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * What the router takes from the SLA stream: due times for queue order (the earliest a running clock announced),
 * and functional escalation on a breach — one line up, never beyond L4; the inbox makes a breach delivered twice
 * escalate once. Escalation is switched off with {@code tierdesk.router.escalate-on-breach=false}.
 */
@ApplicationScoped
public class SlaStreamConsumer {
    public static final String REASON = "sla-breached";

    private final Inbox inbox;
    private final Router router;
    private final boolean escalateOnBreach;

    public SlaStreamConsumer(Inbox inbox, Router router,
            @ConfigProperty(name = "tierdesk.router.escalate-on-breach", defaultValue = "true") boolean escalateOnBreach) {
        this.inbox = inbox;
        this.router = router;
        this.escalateOnBreach = escalateOnBreach;
    }

    @Incoming("sla")
    public Uni<Void> on(Message<byte[]> message) {
        return inbox.consume("router-sla", message, SlaEvent.class, (session, delivered) -> {
            SlaEvent event = delivered.event();
            if (event instanceof SlaClockStarted || event instanceof SlaClockResumed) {
                if (event.dueAt() == null) {
                    return Uni.createFrom().voidItem();
                }
                return session.createNativeMutationQuery("INSERT INTO ticket_sla_due (ticket_id, due_at) VALUES (?1, ?2) "
                                + "ON CONFLICT (ticket_id) DO UPDATE SET due_at = LEAST(ticket_sla_due.due_at, "
                                + "EXCLUDED.due_at)")
                        .setParameter(1, event.ticketId())
                        .setParameter(2, event.dueAt().atOffset(java.time.ZoneOffset.UTC))
                        .executeUpdate()
                        .chain(() -> session.createNativeMutationQuery("UPDATE routed_ticket SET sla_due_at = (SELECT "
                                        + "due_at FROM ticket_sla_due WHERE ticket_id = ?1) WHERE ticket_id = ?1")
                                .setParameter(1, event.ticketId()).executeUpdate())
                        .replaceWithVoid();
            }
            if (!escalateOnBreach || !(event instanceof SlaBreached breach)) {
                return Uni.createFrom().voidItem();
            }
            return router.move(session, breach.ticketId(),
                            from -> Escalation.onBreach(from).orElseThrow(() -> new EscalationRejected("already at L4")),
                            REASON, breach.clock() + " clock breached", Router.POLICY)
                    // A breach on a ticket that is not active, unknown here, or already at L4 changes nothing.
                    .onFailure(e -> e instanceof EscalationRejected
                            || e instanceof io.tierdesk.eventing.api.ProblemException).recoverWithNull()
                    .replaceWithVoid();
        });
    }
}
