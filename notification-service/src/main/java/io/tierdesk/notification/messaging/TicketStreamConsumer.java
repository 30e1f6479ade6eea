package io.tierdesk.notification.messaging;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.inbox.Inbox;
import io.tierdesk.eventing.inbox.PollHandler;
import io.tierdesk.eventing.projection.RebuildableProjection.Source;
import io.tierdesk.eventing.projection.RebuildableProjection.Table;
import io.tierdesk.eventing.projection.RebuildableProjection;
import io.tierdesk.events.routing.RoutingEvent;
import io.tierdesk.events.ticket.TicketEvent;
import io.tierdesk.events.ticket.TicketOpened;
import io.tierdesk.notification.application.Notifications;
import io.tierdesk.notification.application.TicketCards;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** The ticket stream: an opening makes the ticket's card; every event is offered to the rules. */
@ApplicationScoped
public class TicketStreamConsumer {
    static final String CONSUMER = "notification-tickets";
    private final Inbox inbox;
    private final TicketCards cards;
    private final Notifications notifications;

    public TicketStreamConsumer(Inbox inbox, TicketCards cards, Notifications notifications) {
        this.inbox = inbox;
        this.cards = cards;
        this.notifications = notifications;
    }

    @Incoming("tickets")
    public Uni<Void> on(Message<List<byte[]>> batch) {
        return inbox.consumeBatch(CONSUMER, batch, TicketEvent.class, (session, delivered) ->
                delivered.event() instanceof TicketOpened opened
                        ? cards.opened(session, opened).chain(card -> notifications.notify(session, delivered,
                                opened.ticketId(), card))
                        : notifications.notify(session, delivered, delivered.event().ticketId()));
    }

    /**
     * The tickets' cards (number, subject, customer, language, who works on it), for their rebuild from the ticket and
     * routing streams by the cards' part of the consumers. The deliveries are decisions (what was sent under the rules
     * and templates of that moment) and have no rebuild.
     */
    @Produces
    @Singleton
    static RebuildableProjection rebuildable(TicketCards cards) {
        return new RebuildableProjection("ticket-cards", List.of(Table.of("ticket_card")), List.of(
                new Source<>("tickets", CONSUMER, TicketEvent.class, PollHandler.eachOf((session, delivered) ->
                        delivered.event() instanceof TicketOpened opened
                                ? cards.opened(session, opened).replaceWithVoid() : Uni.createFrom().voidItem())),
                new Source<>("routing", RoutingStreamConsumer.CONSUMER, RoutingEvent.class,
                        PollHandler.eachOf((session, delivered) -> cards.routed(session, delivered.event())))));
    }
}
