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

    /** Java 17 has no pattern-matching switch (preview only), hence the instanceof chain over the sealed stream. */
    public Ticket apply(TicketEvent event) {
        long next = version + 1;
        if (event instanceof TicketOpened e) {
            return new Ticket(e.ticketId(), e.number(), TicketStatus.NEW, next, null, null, false);
        } else if (event instanceof CustomerMessageReceived) {
            return with(status == TicketStatus.AWAITING_CUSTOMER ? TicketStatus.OPEN : status, next);
        } else if (event instanceof AgentReplied || event instanceof TicketDiagnosed) {
            return with(status == TicketStatus.NEW ? TicketStatus.OPEN : status, next);
        } else if (event instanceof InternalNoteAdded || event instanceof ResolutionConfirmed) {
            return with(status, next);
        } else if (event instanceof TicketAwaitingCustomer) {
            return with(TicketStatus.AWAITING_CUSTOMER, next);
        } else if (event instanceof TicketResolved e) {
            return new Ticket(id, number, TicketStatus.RESOLVED, next, e.resolvedAt(), null, rated);
        } else if (event instanceof TicketClosed e) {
            return new Ticket(id, number, TicketStatus.CLOSED, next, resolvedAt, e.closedAt(), rated);
        } else if (event instanceof TicketReopened) {
            return new Ticket(id, number, TicketStatus.OPEN, next, null, null, rated);
        } else if (event instanceof SatisfactionRated) {
            return new Ticket(id, number, status, next, resolvedAt, closedAt, true);
        }
        throw new IllegalArgumentException("no rule for " + event.getClass().getSimpleName());
    }

    private Ticket with(TicketStatus newStatus, long newVersion) {
        return new Ticket(id, number, newStatus, newVersion, resolvedAt, closedAt, rated);
    }
}
