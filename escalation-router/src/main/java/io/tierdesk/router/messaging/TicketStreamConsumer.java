package io.tierdesk.router.messaging;

import io.smallrye.mutiny.Uni;
import io.tierdesk.events.ticket.CustomerMessageReceived;
import io.tierdesk.events.ticket.TicketAwaitingCustomer;
import io.tierdesk.events.ticket.TicketClosed;
import io.tierdesk.events.ticket.TicketEvent;
import io.tierdesk.events.ticket.TicketOpened;
import io.tierdesk.events.ticket.TicketReopened;
import io.tierdesk.events.ticket.TicketResolved;
import io.tierdesk.eventing.inbox.Inbox;
import io.tierdesk.router.application.Router;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * What the router does with the ticket stream: triage new tickets, free agents of tickets that stop loading them,
 * and take tickets back into work when the customer answers or they reopen.
 */
@ApplicationScoped
public class TicketStreamConsumer {
    private final Inbox inbox;
    private final Router router;

    public TicketStreamConsumer(Inbox inbox, Router router) {
        this.inbox = inbox;
        this.router = router;
    }

    @Incoming("tickets")
    public Uni<Void> on(Message<byte[]> message) {
        return inbox.consume("router", message, TicketEvent.class, (session, delivered) -> {
            TicketEvent event = delivered.event();
            if (event instanceof TicketOpened opened) {
                return router.onOpened(session, opened);
            } else if (event instanceof TicketResolved || event instanceof TicketAwaitingCustomer) {
                return router.onInactive(session, event.ticketId(), false);
            } else if (event instanceof TicketClosed) {
                return router.onInactive(session, event.ticketId(), true);
            } else if (event instanceof CustomerMessageReceived || event instanceof TicketReopened) {
                return router.onActiveAgain(session, event.ticketId());
            }
            return Uni.createFrom().voidItem();
        });
    }
}
