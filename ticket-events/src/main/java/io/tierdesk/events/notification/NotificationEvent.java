package io.tierdesk.events.notification;

import java.util.UUID;

/**
 * The stream {@code tierdesk.notifications} (notification-service), keyed by ticket id: what was told to whom, and
 * what could not be.
 */
public sealed interface NotificationEvent permits NotificationDelivered, NotificationFailed {
    UUID ticketId();
}
