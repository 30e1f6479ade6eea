package io.tierdesk.router.messaging;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.inbox.Inbox;
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
        return inbox.consume("router", message, TicketEvent.class, (session, delivered) ->
                switch (delivered.event()) {
                    case TicketOpened opened -> router.onOpened(session, opened);
                    case TicketResolved e -> router.onInactive(session, e.ticketId(), false);
                    case TicketAwaitingCustomer e -> router.onInactive(session, e.ticketId(), false);
                    case TicketClosed e -> router.onInactive(session, e.ticketId(), true);
                    case CustomerMessageReceived e -> router.onActiveAgain(session, e.ticketId());
                    case TicketReopened e -> router.onActiveAgain(session, e.ticketId());
                    case AgentReplied e -> Uni.createFrom().voidItem();
                    case InternalNoteAdded e -> Uni.createFrom().voidItem();
                    case TicketDiagnosed e -> Uni.createFrom().voidItem();
                    case ResolutionConfirmed e -> Uni.createFrom().voidItem();
                    case SatisfactionRated e -> Uni.createFrom().voidItem();
                });
    }
}
