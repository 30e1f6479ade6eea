package io.tierdesk.router.messaging;

import io.tierdesk.eventing.projection.RebuildableProjection;
import io.tierdesk.events.sla.SlaEvent;
import io.tierdesk.router.application.RoutingRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The SLA due times the queue is ordered by, declared for their rebuild from the SLA stream. The router's other
 * tables hold its decisions (who works on what, under the lines' locks, with agents' presence at that moment): they
 * are not a function of the topics and have no rebuild.
 */
@ApplicationScoped
public class SlaDueRebuild implements RebuildableProjection {
    private final RoutingRepository tickets;

    public SlaDueRebuild(RoutingRepository tickets) {
        this.tickets = tickets;
    }

    @Override
    public String name() {
        return "sla-due";
    }

    @Override
    public List<Table> tables() {
        return List.of(Table.of("ticket_sla_due"));
    }

    @Override
    public List<Source<?>> sources() {
        return List.of(new Source<>("sla", SlaStreamConsumer.CONSUMER, SlaEvent.class,
                (session, events) -> tickets.keepSlaDue(session, SlaStreamConsumer.dueTimes(events))));
    }
}
