package io.tierdesk.events.ticket;

import java.util.UUID;

/** The stream {@code tierdesk.tickets}: everything that happens to a ticket, keyed by ticket id. */
public sealed interface TicketEvent permits TicketOpened, CustomerMessageReceived, AgentReplied, InternalNoteAdded,
        TicketAwaitingCustomer, TicketDiagnosed, TicketResolved, ResolutionConfirmed, TicketClosed, TicketReopened, SatisfactionRated {
    UUID ticketId();
}
