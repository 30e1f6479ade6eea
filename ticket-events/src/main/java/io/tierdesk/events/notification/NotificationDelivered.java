package io.tierdesk.events.notification;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.UUID;

/**
 * A notification reached its medium: the SMTP server accepted the mail, or the webhook answered 2xx.
 *
 * @param kind      what it told, e.g. {@code customer.receipt}, {@code agent.assigned}
 * @param audience  {@code customer}, {@code agent} or {@code supervisor}
 * @param recipient the agent's id, the webhook's id, or the mail address
 * @param medium    {@code email} or {@code webhook}
 * @param causedBy  the id of the event it tells of
 * @param attempts  how many tries it took
 */
public record NotificationDelivered(UUID ticketId, UUID deliveryId, String kind, String audience, String recipient,
        String medium, String language, String causedBy, int attempts, Instant deliveredAt)
        implements NotificationEvent {
    public NotificationDelivered {
        Require.present(ticketId, "ticketId");
        Require.present(deliveryId, "deliveryId");
        Require.text(kind, "kind");
        Require.text(audience, "audience");
        Require.text(recipient, "recipient");
        Require.text(medium, "medium");
        Require.text(causedBy, "causedBy");
        Require.present(deliveredAt, "deliveredAt");
    }
}
