package io.tierdesk.events.ticket;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The customer wrote again on an existing ticket. */
public record CustomerMessageReceived(UUID ticketId, UUID messageId, Channel channel, String body,
        List<Attachment> attachments, Instant receivedAt) implements TicketEvent {
    public CustomerMessageReceived {
        Require.present(ticketId, "ticketId");
        Require.present(messageId, "messageId");
        Require.present(channel, "channel");
        Require.present(body, "body");
        Require.present(receivedAt, "receivedAt");
        attachments = Require.list(attachments);
    }
}
