package io.tierdesk.router.messaging;

import io.smallrye.mutiny.Uni;
import io.tierdesk.events.sla.SlaBreached;
import io.tierdesk.events.sla.SlaClockResumed;
import io.tierdesk.events.sla.SlaClockStarted;
import io.tierdesk.events.sla.SlaEvent;
import io.tierdesk.eventing.inbox.Inbox;
import io.tierdesk.router.application.Router;
import io.tierdesk.router.application.RouterConfig;
import io.tierdesk.router.domain.BreachPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * What the router takes from the SLA stream: due times for queue order (the earliest a running clock announced), and
 * the breach policy (functional and/or hierarchical escalation, {@code tierdesk.router.breach.*}); the inbox makes a
 * breach delivered twice act once.
 */
@ApplicationScoped
public class SlaStreamConsumer {
    private final Inbox inbox;
    private final Router router;
    private final BreachPolicy breachPolicy;

    public SlaStreamConsumer(Inbox inbox, Router router, RouterConfig config) {
        this.inbox = inbox;
        this.router = router;
        this.breachPolicy = config.breach().policy();
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
            return event instanceof SlaBreached breach ? router.onBreach(session, breach, breachPolicy)
                    : Uni.createFrom().voidItem();
        });
    }
}
