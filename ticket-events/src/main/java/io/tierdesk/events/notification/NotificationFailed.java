package io.tierdesk.events.notification;

import io.tierdesk.events.Require;
import java.time.Instant;
import java.util.UUID;

/**
 * A notification will not be delivered unless someone retries it: the medium refused it for good (a 4xx, 410 Gone,
 * an address the server rejects) or every retry failed. Fields as in {@link NotificationDelivered}.
 *
 * @param reason what the last attempt met
 */
public record NotificationFailed(UUID ticketId, UUID deliveryId, String kind, String audience, String recipient,
        String medium, String causedBy, int attempts, String reason, Instant failedAt) implements NotificationEvent {
    public NotificationFailed {
        Require.present(ticketId, "ticketId");
        Require.present(deliveryId, "deliveryId");
        Require.text(kind, "kind");
        Require.text(audience, "audience");
        Require.text(recipient, "recipient");
        Require.text(medium, "medium");
        Require.text(causedBy, "causedBy");
        Require.text(reason, "reason");
        Require.present(failedAt, "failedAt");
    }
}
