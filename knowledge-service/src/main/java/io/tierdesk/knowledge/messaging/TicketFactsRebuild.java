package io.tierdesk.knowledge.messaging;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.inbox.PollHandler;
import io.tierdesk.eventing.projection.RebuildableProjection;
import io.tierdesk.events.ticket.TicketEvent;
import io.tierdesk.events.ticket.TicketOpened;
import io.tierdesk.knowledge.application.ArticleFeedback;
import io.tierdesk.knowledge.application.Suggestions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * What the service keeps of tickets (each one's subject and text, the agents who worked on it), declared for its
 * rebuild from the ticket stream by that part of the consumer. Suggestions, self-service answers and captured
 * solutions are decisions (made against the index of that moment); articles are the service's own event-sourced
 * aggregate, and the search index is built from them at every start.
 */
@ApplicationScoped
public class TicketFactsRebuild implements RebuildableProjection {
    private final Suggestions suggestions;
    private final ArticleFeedback feedback;

    public TicketFactsRebuild(Suggestions suggestions, ArticleFeedback feedback) {
        this.suggestions = suggestions;
        this.feedback = feedback;
    }

    @Override
    public String name() {
        return "ticket-facts";
    }

    @Override
    public List<Table> tables() {
        return List.of(Table.of("ticket_context"), Table.of("ticket_worker"));
    }

    @Override
    public List<Source<?>> sources() {
        return List.of(new Source<>("tickets", TicketStreamConsumer.CONSUMER, TicketEvent.class,
                PollHandler.eachOf((session, delivered) -> (delivered.event() instanceof TicketOpened e
                        ? suggestions.remember(session, e.ticketId(), e.subject(), TicketStreamConsumer.text(e))
                        : Uni.createFrom().voidItem())
                        .chain(() -> feedback.worked(session, delivered.event().ticketId(),
                                TicketStreamConsumer.worker(delivered.event()))))));
    }
}
