package io.tierdesk.router.messaging;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.inbox.Delivered;
import io.tierdesk.eventing.inbox.Inbox;
import io.tierdesk.eventing.projection.RebuildableProjection.Source;
import io.tierdesk.eventing.projection.RebuildableProjection.Table;
import io.tierdesk.eventing.projection.RebuildableProjection;
import io.tierdesk.events.sla.SlaBreached;
import io.tierdesk.events.sla.SlaClockPaused;
import io.tierdesk.events.sla.SlaClockResumed;
import io.tierdesk.events.sla.SlaClockRetimed;
import io.tierdesk.events.sla.SlaClockStarted;
import io.tierdesk.events.sla.SlaEvent;
import io.tierdesk.events.sla.SlaMet;
import io.tierdesk.events.sla.SlaWarningReached;
import io.tierdesk.router.application.Router;
import io.tierdesk.router.application.RouterConfig;
import io.tierdesk.router.application.RoutingRepository;
import io.tierdesk.router.domain.BreachPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * What the router takes from the SLA stream: due times for queue order (the earliest a running clock announced), and
 * the breach policy (functional and/or hierarchical escalation, {@code tierdesk.router.breach.*}); the inbox makes a
 * breach delivered twice act once.
 */
@ApplicationScoped
public class SlaStreamConsumer {
    static final String CONSUMER = "router-sla";
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

    /**
     * A poll at a time: the due times in two statements, then each breach by the policy. The breaches come last so
     * that the lines' locks a breach takes are held only from its decision to the commit, as they are for a decision
     * of its own.
     */
    @Incoming("sla")
    public Uni<Void> on(Message<List<byte[]>> batch) {
        return inbox.consumePoll(CONSUMER, batch, SlaEvent.class, (session, events) -> {
            Uni<Void> applied = tickets.recordSlaDue(session, dueTimes(events));
            for (Delivered<SlaEvent> delivered : events) {
                if (delivered.event() instanceof SlaBreached breach) {
                    applied = applied.chain(() -> router.onBreach(session, breach, breachPolicy));
                }
            }
            return applied;
        });
    }

    /** The earliest due time the poll's running clocks named, per ticket. */
    static Map<UUID, Instant> dueTimes(List<Delivered<SlaEvent>> events) {
        Map<UUID, Instant> due = new HashMap<>();
        for (Delivered<SlaEvent> delivered : events) {
            Instant dueAt = switch (delivered.event()) {
                case SlaClockStarted e -> e.dueAt();
                case SlaClockResumed e -> e.dueAt();
                case SlaClockRetimed e -> e.dueAt();
                case SlaBreached e -> null;
                case SlaClockPaused e -> null;
                case SlaWarningReached e -> null;
                case SlaMet e -> null;
            };
            if (dueAt != null) {
                due.merge(delivered.event().ticketId(), dueAt, (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        return due;
    }

    /**
     * The due times, for their rebuild from the SLA stream. The router's other tables hold its decisions (who works on
     * what, under the lines' locks, with the agents' presence of that moment): not a function of the topics.
     */
    @Produces
    @Singleton
    static RebuildableProjection rebuildable(RoutingRepository tickets) {
        return new RebuildableProjection("sla-due", List.of(Table.of("ticket_sla_due")), List.of(new Source<>("sla",
                CONSUMER, SlaEvent.class, (session, events) -> tickets.keepSlaDue(session, dueTimes(events)))));
    }
}
