package io.tierdesk.events.notification;

import io.tierdesk.events.EventType;
import io.tierdesk.events.Topics;
import java.util.List;

/** The type names of the notification stream. */
public final class NotificationEvents {
    public static final EventType<NotificationDelivered> DELIVERED = new EventType<>(
            "tierdesk.notification.delivered.v1", NotificationDelivered.class, Topics.NOTIFICATIONS);
    public static final EventType<NotificationFailed> FAILED = new EventType<>(
            "tierdesk.notification.failed.v1", NotificationFailed.class, Topics.NOTIFICATIONS);

    public static final List<EventType<? extends NotificationEvent>> ALL = List.of(DELIVERED, FAILED);

    private NotificationEvents() {
    }
}
