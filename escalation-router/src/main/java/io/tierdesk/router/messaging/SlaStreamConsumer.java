package io.tierdesk.router.messaging;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.inbox.Inbox;
import io.tierdesk.events.sla.SlaBreached;
import io.tierdesk.events.sla.SlaClockPaused;
import io.tierdesk.events.sla.SlaClockResumed;
import io.tierdesk.events.sla.SlaClockStarted;
import io.tierdesk.events.sla.SlaClockRetimed;
import io.tierdesk.events.sla.SlaEvent;
import io.tierdesk.events.sla.SlaMet;
import io.tierdesk.events.sla.SlaWarningReached;
import io.tierdesk.router.application.Router;
import io.tierdesk.router.application.RouterConfig;
import io.tierdesk.router.application.RoutingRepository;
import io.tierdesk.router.domain.BreachPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * What the router takes from the SLA stream: due times for queue order (the earliest a running clock announced), and
 * the breach policy (functional and/or hierarchical escalation, {@code tierdesk.router.breach.*}); the inbox makes a
 * breach delivered twice act once.
 */
@ApplicationScoped
public class SlaStreamConsumer {
    private final Inbox inbox;
    private final Router router;
    private final RoutingRepository tickets;
    private final BreachPolicy breachPolicy;

    public SlaStreamConsumer(Inbox inbox, Router router, RoutingRepository tickets, RouterConfig config) {
        this.inbox = inbox;
        this.router = router;
        this.tickets = tickets;
        this.breachPolicy = config.breach().policy();
    }

    @Incoming("sla")
    public Uni<Void> on(Message<byte[]> message) {
        return inbox.consume("router-sla", message, SlaEvent.class, (session, delivered) ->
                switch (delivered.event()) {
                    case SlaClockStarted e -> due(session, e);
                    case SlaClockResumed e -> due(session, e);
                    case SlaClockRetimed e -> due(session, e);
                    case SlaBreached breach -> router.onBreach(session, breach, breachPolicy);
                    case SlaClockPaused e -> Uni.createFrom().voidItem();
                    case SlaWarningReached e -> Uni.createFrom().voidItem();
                    case SlaMet e -> Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> due(Mutiny.Session session, SlaEvent event) {
        return event.dueAt() == null ? Uni.createFrom().voidItem()
                : tickets.recordSlaDue(session, event.ticketId(), event.dueAt());
    }
}
