package io.tierdesk.sla.messaging;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.inbox.Inbox;
import io.tierdesk.eventing.projection.RebuildableProjection.Source;
import io.tierdesk.eventing.projection.RebuildableProjection.Table;
import io.tierdesk.eventing.projection.RebuildableProjection;
import io.tierdesk.events.routing.RoutingEvent;
import io.tierdesk.events.ticket.AgentReplied;
import io.tierdesk.events.ticket.CustomerMessageReceived;
import io.tierdesk.events.ticket.InternalNoteAdded;
import io.tierdesk.events.ticket.ResolutionConfirmed;
import io.tierdesk.events.ticket.SatisfactionRated;
import io.tierdesk.events.ticket.TicketAwaitingCustomer;
import io.tierdesk.events.ticket.TicketClosed;
import io.tierdesk.events.ticket.TicketDiagnosed;
import io.tierdesk.events.ticket.TicketEvent;
import io.tierdesk.events.ticket.TicketOpened;
import io.tierdesk.events.ticket.TicketReopened;
import io.tierdesk.events.ticket.TicketResolved;
import io.tierdesk.sla.application.QualityProjection;
import io.tierdesk.sla.application.SlaClocks;
import io.tierdesk.sla.domain.QualityFact;
import io.tierdesk.sla.domain.TicketFact;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** The ticket stream, as what moves the clocks; notes, diagnoses, confirmations and ratings move none. */
@ApplicationScoped
public class TicketStreamConsumer {
    static final String CONSUMER = "sla-tickets";
    private final Inbox inbox;
    private final SlaClocks clocks;
    private final QualityProjection quality;

    public TicketStreamConsumer(Inbox inbox, SlaClocks clocks, QualityProjection quality) {
        this.inbox = inbox;
        this.clocks = clocks;
        this.quality = quality;
    }

    @Incoming("tickets")
    public Uni<Void> on(Message<List<byte[]>> batch) {
        return inbox.consumePoll(CONSUMER, batch, TicketEvent.class, (session, events) -> clocks
                .applyAll(session, events, TicketEvent::ticketId, TicketStreamConsumer::fact)
                .chain(() -> quality.recordTickets(session, events)));
    }

    static TicketFact fact(TicketEvent event) {
        return switch (event) {
            case TicketOpened e -> new TicketFact.Opened(e.plan().wireName(), e.openedAt());
            case AgentReplied e -> new TicketFact.AgentSpoke(false, e.repliedAt());
            case TicketAwaitingCustomer e -> new TicketFact.AgentSpoke(true, e.askedAt());
            case CustomerMessageReceived e -> new TicketFact.CustomerWrote(e.receivedAt());
            case TicketResolved e -> new TicketFact.Resolved(e.resolvedAt());
            case TicketReopened e -> new TicketFact.Reopened(e.reopenedAt());
            case TicketClosed e -> new TicketFact.Closed(e.closedAt());
            case InternalNoteAdded e -> null;
            case TicketDiagnosed e -> null;
            case ResolutionConfirmed e -> null;
            case SatisfactionRated e -> null;
        };
    }

    /**
     * What the quality report counts, for its rebuild from the ticket and routing streams. The SLA outcomes among its
     * facts are written with the monitor's own decisions (the clocks, driven by time, which have no rebuild), not from
     * a stream, and are left out of the comparison.
     */
    @Produces
    @Singleton
    static RebuildableProjection rebuildable(QualityProjection quality) {
        return new RebuildableProjection("quality", List.of(Table.of("quality_ticket"),
                Table.of("quality_vendor_case"), Table.of("quality_fact")
                .where("kind NOT IN ('" + QualityFact.Kind.SLA_MET + "', '" + QualityFact.Kind.SLA_BREACHED + "')")),
                List.of(new Source<>("tickets", CONSUMER, TicketEvent.class, quality::recordTickets),
                        new Source<>("routing", RoutingStreamConsumer.CONSUMER, RoutingEvent.class,
                                quality::recordRouting)));
    }
}
