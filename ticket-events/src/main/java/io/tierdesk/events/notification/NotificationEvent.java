package io.tierdesk.events.notification;

/**
 * The stream {@code tierdesk.notifications} (notification-service), keyed by ticket id: what was told to whom, and
 * what could not be.
 */
public sealed interface NotificationEvent permits NotificationDelivered, NotificationFailed {
    java.util.UUID ticketId();
}
