package io.tierdesk.notification.messaging;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.inbox.Inbox;
import io.tierdesk.events.sla.SlaEvent;
import io.tierdesk.notification.application.Notifications;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** The SLA stream: deadlines near and missed. */
@ApplicationScoped
public class SlaStreamConsumer {
    private final Inbox inbox;
    private final Notifications notifications;

    public SlaStreamConsumer(Inbox inbox, Notifications notifications) {
        this.inbox = inbox;
        this.notifications = notifications;
    }

    @Incoming("sla")
    public Uni<Void> on(Message<List<byte[]>> batch) {
        return inbox.consumeBatch("notification-sla", batch, SlaEvent.class, (session, delivered) ->
                notifications.notify(session, delivered, delivered.event().ticketId()));
    }
}
