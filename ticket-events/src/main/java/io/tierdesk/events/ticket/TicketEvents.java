package io.tierdesk.events.ticket;

import io.tierdesk.events.EventType;
import io.tierdesk.events.Topics;
import java.util.List;

/** The type names of the ticket stream. */
public final class TicketEvents {
    public static final EventType<TicketOpened> OPENED = type("opened", TicketOpened.class);
    public static final EventType<CustomerMessageReceived> CUSTOMER_MESSAGE_RECEIVED =
            type("customer-message-received", CustomerMessageReceived.class);
    public static final EventType<AgentReplied> AGENT_REPLIED = type("agent-replied", AgentReplied.class);
    public static final EventType<InternalNoteAdded> INTERNAL_NOTE_ADDED =
            type("internal-note-added", InternalNoteAdded.class);
    public static final EventType<TicketAwaitingCustomer> AWAITING_CUSTOMER =
            type("awaiting-customer", TicketAwaitingCustomer.class);
    public static final EventType<TicketDiagnosed> DIAGNOSED = type("diagnosed", TicketDiagnosed.class);
    public static final EventType<TicketResolved> RESOLVED = type("resolved", TicketResolved.class);
    public static final EventType<ResolutionConfirmed> RESOLUTION_CONFIRMED =
            type("resolution-confirmed", ResolutionConfirmed.class);
    public static final EventType<TicketClosed> CLOSED = type("closed", TicketClosed.class);
    public static final EventType<TicketReopened> REOPENED = type("reopened", TicketReopened.class);
    public static final EventType<SatisfactionRated> SATISFACTION_RATED =
            type("satisfaction-rated", SatisfactionRated.class);

    public static final List<EventType<? extends TicketEvent>> ALL = List.of(OPENED, CUSTOMER_MESSAGE_RECEIVED,
            AGENT_REPLIED, INTERNAL_NOTE_ADDED, AWAITING_CUSTOMER, DIAGNOSED, RESOLVED, RESOLUTION_CONFIRMED, CLOSED, REOPENED,
            SATISFACTION_RATED);

    private TicketEvents() {
    }

    private static <T extends TicketEvent> EventType<T> type(String name, Class<T> javaType) {
        return new EventType<>("tierdesk.ticket." + name + ".v1", javaType, Topics.TICKETS);
    }
}
