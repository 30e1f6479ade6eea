package io.tierdesk.events.ticket;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A request became a ticket. {@code repeatOf} names an earlier ticket this one repeats, when there is one.
 *
 * @param registeredBy the agent who registered the request (a phone call, a walk-in), who stays the customer's
 *                     contact; null when a channel adapter posted it
 */
public record TicketOpened(UUID ticketId, String number, Channel channel, CustomerRef customer, SupportPlan plan,
        String subject, String body, Diagnostics diagnostics, Urgency statedUrgency, String threadRef,
        List<Attachment> attachments, UUID repeatOf, Instant openedAt, String registeredBy) implements TicketEvent {
    /** A request a channel adapter posted. */
    public TicketOpened(UUID ticketId, String number, Channel channel, CustomerRef customer, SupportPlan plan,
            String subject, String body, Diagnostics diagnostics, Urgency statedUrgency, String threadRef,
            List<Attachment> attachments, UUID repeatOf, Instant openedAt) {
        this(ticketId, number, channel, customer, plan, subject, body, diagnostics, statedUrgency, threadRef,
                attachments, repeatOf, openedAt, null);
    }

    public TicketOpened {
        Require.present(ticketId, "ticketId");
        Require.text(number, "number");
        Require.present(channel, "channel");
        Require.present(customer, "customer");
        Require.present(plan, "plan");
        Require.present(subject, "subject");
        Require.present(openedAt, "openedAt");
        diagnostics = diagnostics == null ? Diagnostics.NONE : diagnostics;
        attachments = Require.list(attachments);
    }
}
