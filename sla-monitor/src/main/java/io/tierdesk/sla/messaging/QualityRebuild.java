package io.tierdesk.sla.messaging;

import io.tierdesk.eventing.projection.RebuildableProjection;
import io.tierdesk.events.routing.RoutingEvent;
import io.tierdesk.events.ticket.TicketEvent;
import io.tierdesk.sla.application.QualityProjection;
import io.tierdesk.sla.domain.QualityFact;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * What the quality report counts, declared for its rebuild from the ticket and routing streams. The SLA outcomes
 * among its facts are written with the monitor's own decisions (the clocks), not from a stream, and are left out of
 * the comparison; the clocks themselves are decisions driven by time and have no rebuild.
 */
@ApplicationScoped
public class QualityRebuild implements RebuildableProjection {
    private final QualityProjection quality;

    public QualityRebuild(QualityProjection quality) {
        this.quality = quality;
    }

    @Override
    public String name() {
        return "quality";
    }

    @Override
    public List<Table> tables() {
        return List.of(Table.of("quality_ticket"), Table.of("quality_fact").where("kind NOT IN ('"
                + QualityFact.Kind.SLA_MET.name() + "', '" + QualityFact.Kind.SLA_BREACHED.name() + "')"));
    }

    @Override
    public List<Source<?>> sources() {
        return List.of(new Source<>("tickets", TicketStreamConsumer.CONSUMER, TicketEvent.class, quality::recordTickets),
                new Source<>("routing", RoutingStreamConsumer.CONSUMER, RoutingEvent.class, quality::recordRouting));
    }
}
