package io.tierdesk.eventing.sample;

import io.smallrye.mutiny.Uni;
import io.tierdesk.events.ticket.TicketEvent;
import io.tierdesk.eventing.inbox.Inbox;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Counts the events each ticket received: if the inbox let a redelivery through, a count would be too high. */
@ApplicationScoped
public class SampleCounterProjection {
    private final Inbox inbox;

    public SampleCounterProjection(Inbox inbox) {
        this.inbox = inbox;
    }

    @Incoming("sample-tickets")
    public Uni<Void> on(Message<byte[]> message) {
        return inbox.consume("sample-counter", message, TicketEvent.class, (session, delivered) -> session
                .createNativeMutationQuery("INSERT INTO sample_counter (ticket_id, events, last_type) VALUES (?1, 1, ?2) "
                        + "ON CONFLICT (ticket_id) DO UPDATE SET events = sample_counter.events + 1, "
                        + "last_type = EXCLUDED.last_type")
                .setParameter(1, delivered.event().ticketId().toString())
                .setParameter(2, delivered.envelope().type())
                .executeUpdate()
                .replaceWithVoid());
    }
}
