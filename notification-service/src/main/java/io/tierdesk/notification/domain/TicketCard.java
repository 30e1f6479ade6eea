package io.tierdesk.notification.domain;

import java.util.UUID;

/**
 * What the service knows of a ticket to address and word its notifications.
 *
 * @param customerRef the customer's id in the channel they wrote through
 * @param language the customer's language, else the ticket's (by the letters of what they wrote), else the default
 */
public record TicketCard(UUID ticketId, String number, String subject, String channel, String customerRef,
        String customerName, String customerEmail, String language, String agentId, String tier) {
}
