package io.tierdesk.intake.application;

import io.tierdesk.events.ticket.TicketEvent;
import java.util.List;
import java.util.UUID;

/** What a command did: the ticket's id, number and new version, and the events it appended (maybe none). */
public record CommandResult(UUID ticketId, String number, long version, List<TicketEvent> events) {
}
