package io.tierdesk.intake.projection;

import io.tierdesk.eventing.projection.RebuildableProjection;
import io.tierdesk.events.knowledge.KnowledgeEvent;
import io.tierdesk.events.notification.NotificationEvent;
import io.tierdesk.events.routing.RoutingEvent;
import io.tierdesk.events.sla.SlaEvent;
import io.tierdesk.events.ticket.TicketEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The agents' view and the journal, declared for their rebuild from the five topics the view consumes. */
@ApplicationScoped
public class TicketViewRebuild implements RebuildableProjection {
    private static final String CONSUMER = TicketViewProjection.CONSUMER;
    private final TicketViewProjection view;
    private final TicketFactsProjection facts;

    public TicketViewRebuild(TicketViewProjection view, TicketFactsProjection facts) {
        this.view = view;
        this.facts = facts;
    }

    @Override
    public String name() {
        return CONSUMER;
    }

    @Override
    public List<Table> tables() {
        // The journal's position is the order intake received the events in, not something they say.
        return List.of(Table.of("ticket_view"), Table.of("ticket_timeline", "position"), Table.of("ticket_routing"),
                Table.of("ticket_sla_clock"), Table.of("ticket_suggestion"));
    }

    @Override
    public List<Source<?>> sources() {
        return List.of(new Source<>("tickets", CONSUMER, TicketEvent.class, view::applyPoll),
                new Source<>("routing", CONSUMER, RoutingEvent.class, facts::routingPoll),
                new Source<>("sla", CONSUMER, SlaEvent.class, facts::slaPoll),
                new Source<>("knowledge", CONSUMER, KnowledgeEvent.class, facts::knowledgePoll),
                new Source<>("notifications", CONSUMER, NotificationEvent.class, facts::notificationsPoll));
    }
}
