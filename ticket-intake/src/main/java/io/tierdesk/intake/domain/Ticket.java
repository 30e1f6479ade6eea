package io.tierdesk.intake.domain;

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
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The ticket as its own events leave it: only what the decisions need. The agents' view with everything else is a
 * projection.
 */
public record Ticket(UUID id, String number, TicketStatus status, long version, Instant resolvedAt, Instant closedAt,
        boolean rated) {

    /** The state before the first event: the stream does not exist. */
    public static final Ticket NONE = new Ticket(null, null, null, 0, null, null, false);

    public boolean exists() {
        return version > 0;
    }

    public static Ticket replay(List<? extends TicketEvent> events) {
        Ticket state = NONE;
        for (TicketEvent event : events) {
            state = state.apply(event);
        }
        return state;
    }

    /** Every event of the stream has its rule: a new event type does not compile until it has one here. */
    public Ticket apply(TicketEvent event) {
        long next = version + 1;
        return switch (event) {
            case TicketOpened e -> new Ticket(e.ticketId(), e.number(), TicketStatus.NEW, next, null, null, false);
            case CustomerMessageReceived e ->
                    with(status == TicketStatus.AWAITING_CUSTOMER ? TicketStatus.OPEN : status, next);
            case AgentReplied e -> with(status == TicketStatus.NEW ? TicketStatus.OPEN : status, next);
            case TicketDiagnosed e -> with(status == TicketStatus.NEW ? TicketStatus.OPEN : status, next);
            case InternalNoteAdded e -> with(status, next);
            case ResolutionConfirmed e -> with(status, next);
            case TicketAwaitingCustomer e -> with(TicketStatus.AWAITING_CUSTOMER, next);
            case TicketResolved e -> new Ticket(id, number, TicketStatus.RESOLVED, next, e.resolvedAt(), null, rated);
            case TicketClosed e -> new Ticket(id, number, TicketStatus.CLOSED, next, resolvedAt, e.closedAt(), rated);
            case TicketReopened e -> new Ticket(id, number, TicketStatus.OPEN, next, null, null, rated);
            case SatisfactionRated e -> new Ticket(id, number, status, next, resolvedAt, closedAt, true);
        };
    }

    private Ticket with(TicketStatus newStatus, long newVersion) {
        return new Ticket(id, number, newStatus, newVersion, resolvedAt, closedAt, rated);
    }
}
