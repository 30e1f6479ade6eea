package io.tierdesk.sla.messaging;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.inbox.Inbox;
import io.tierdesk.events.routing.RoutingEvent;
import io.tierdesk.events.routing.SupervisorAlerted;
import io.tierdesk.events.routing.TicketAssigned;
import io.tierdesk.events.routing.TicketEscalated;
import io.tierdesk.events.routing.TicketQueued;
import io.tierdesk.events.routing.TicketReturned;
import io.tierdesk.events.routing.TicketTriaged;
import io.tierdesk.events.routing.VendorUpdateRecorded;
import io.tierdesk.events.routing.FieldWork;
import io.tierdesk.events.routing.VisitPlace;
import io.tierdesk.events.routing.VisitScheduled;
import io.tierdesk.events.routing.VisitStarted;
import io.tierdesk.sla.domain.VendorTerms;
import io.tierdesk.sla.application.QualityProjection;
import io.tierdesk.sla.application.SlaClocks;
import io.tierdesk.sla.domain.TicketFact;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** The routing stream: the priority that sets the targets, and the line a ticket is on. */
@ApplicationScoped
public class RoutingStreamConsumer {
    static final String CONSUMER = "sla-routing";
    private final Inbox inbox;
    private final SlaClocks clocks;
    private final QualityProjection quality;

    public RoutingStreamConsumer(Inbox inbox, SlaClocks clocks, QualityProjection quality) {
        this.inbox = inbox;
        this.clocks = clocks;
        this.quality = quality;
    }

    @Incoming("routing")
    public Uni<Void> on(Message<List<byte[]>> batch) {
        return inbox.consumePoll(CONSUMER, batch, RoutingEvent.class, (session, events) -> clocks
                .applyAll(session, events, RoutingEvent::ticketId, RoutingStreamConsumer::fact)
                .chain(() -> quality.recordRouting(session, events)));
    }

    static TicketFact fact(RoutingEvent event) {
        return switch (event) {
            case TicketTriaged e -> new TicketFact.Triaged(e.priority(), e.tier().name(), e.triagedAt());
            case TicketEscalated e when e.vendor() != null -> new TicketFact.VendorEngaged(new VendorTerms(
                    e.vendor().vendorId(), e.vendor().caseReference(), e.vendor().agreement().responseTarget(),
                    e.vendor().agreement().resolutionTarget(), e.vendor().agreement().calendar(), 0, null),
                    e.escalatedAt());
            case TicketEscalated e -> new TicketFact.Moved(e.toTier().name(), e.escalatedAt());
            case VendorUpdateRecorded e -> new TicketFact.VendorAnswered(e.resolved(), e.recordedAt());
            case TicketReturned e -> new TicketFact.Moved(e.toTier().name(), e.returnedAt());
            case TicketAssigned e -> null;
            case TicketQueued e -> null;
            case SupervisorAlerted e -> null;
            case VisitScheduled e -> new TicketFact.VisitBooked(e.place() == VisitPlace.ON_SITE, e.scheduledAt());
            case VisitStarted e -> new TicketFact.VisitBegan(e.startedAt());
            case FieldWork e -> null;
        };
    }
}
