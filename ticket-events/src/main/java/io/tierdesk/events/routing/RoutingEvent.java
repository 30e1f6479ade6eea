package io.tierdesk.events.routing;

import java.util.UUID;

/** The stream {@code tierdesk.routing} (escalation-router), keyed by ticket id. */
public sealed interface RoutingEvent permits TicketTriaged, TicketQueued, TicketAssigned, TicketEscalated,
        TicketReturned, SupervisorAlerted, VendorUpdateRecorded, FieldWork {
    UUID ticketId();
}
