package io.tierdesk.router.messaging;

import io.smallrye.mutiny.Uni;
import io.tierdesk.events.sla.SlaBreached;
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
 * Functional escalation on an SLA breach: the ticket moves one line up (never beyond L4). The inbox makes a breach
 * delivered twice escalate once. Switched off with {@code tierdesk.router.escalate-on-breach=false}.
 */
@ApplicationScoped
public class SlaBreachConsumer {
    public static final String REASON = "sla-breached";

    private final Inbox inbox;
    private final Router router;
    private final boolean escalateOnBreach;

    public SlaBreachConsumer(Inbox inbox, Router router,
            @ConfigProperty(name = "tierdesk.router.escalate-on-breach", defaultValue = "true") boolean escalateOnBreach) {
        this.inbox = inbox;
        this.router = router;
        this.escalateOnBreach = escalateOnBreach;
    }

    @Incoming("sla")
    public Uni<Void> on(Message<byte[]> message) {
        return inbox.consume("router-sla", message, SlaEvent.class, (session, delivered) -> {
            if (!escalateOnBreach || !(delivered.event() instanceof SlaBreached breach)) {
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
