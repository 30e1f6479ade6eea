package io.tierdesk.notification.messaging;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.inbox.Inbox;
import io.tierdesk.events.routing.RoutingEvent;
import io.tierdesk.notification.application.Notifications;
import io.tierdesk.notification.application.TicketCards;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** The routing stream: who works on the ticket at which line, and the alerts and escalations supervisors hear of. */
@ApplicationScoped
public class RoutingStreamConsumer {
    static final String CONSUMER = "notification-routing";
    private final Inbox inbox;
    private final TicketCards cards;
    private final Notifications notifications;

    public RoutingStreamConsumer(Inbox inbox, TicketCards cards, Notifications notifications) {
        this.inbox = inbox;
        this.cards = cards;
        this.notifications = notifications;
    }

    @Incoming("routing")
    public Uni<Void> on(Message<List<byte[]>> batch) {
        return inbox.consumeBatch(CONSUMER, batch, RoutingEvent.class, (session, delivered) ->
                cards.routed(session, delivered.event())
                        .chain(() -> notifications.notify(session, delivered, delivered.event().ticketId())));
    }
}
