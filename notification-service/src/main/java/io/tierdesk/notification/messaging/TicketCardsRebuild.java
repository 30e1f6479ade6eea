package io.tierdesk.notification.messaging;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.inbox.PollHandler;
import io.tierdesk.eventing.projection.RebuildableProjection;
import io.tierdesk.events.routing.RoutingEvent;
import io.tierdesk.events.ticket.TicketEvent;
import io.tierdesk.events.ticket.TicketOpened;
import io.tierdesk.notification.application.TicketCards;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The tickets' cards (number, subject, customer, language, who works on it), declared for their rebuild from the
 * ticket and routing streams, by the cards' part of the consumers. The deliveries are decisions (what was sent,
 * under the rules and templates of that moment) and have no rebuild.
 */
@ApplicationScoped
public class TicketCardsRebuild implements RebuildableProjection {
    private final TicketCards cards;

    public TicketCardsRebuild(TicketCards cards) {
        this.cards = cards;
    }

    @Override
    public String name() {
        return "ticket-cards";
    }

    @Override
    public List<Table> tables() {
        return List.of(Table.of("ticket_card"));
    }

    @Override
    public List<Source<?>> sources() {
        return List.of(new Source<>("tickets", TicketStreamConsumer.CONSUMER, TicketEvent.class,
                        PollHandler.eachOf((session, delivered) -> delivered.event() instanceof TicketOpened opened
                                ? cards.opened(session, opened).replaceWithVoid() : Uni.createFrom().voidItem())),
                new Source<>("routing", RoutingStreamConsumer.CONSUMER, RoutingEvent.class,
                        PollHandler.eachOf((session, delivered) -> cards.routed(session, delivered.event()))));
    }
}
