package io.tierdesk.router.domain;

import io.tierdesk.events.routing.RoutingEvent;
import io.tierdesk.events.routing.SupervisorAlerted;
import io.tierdesk.events.routing.TicketAssigned;
import io.tierdesk.events.routing.TicketEscalated;
import io.tierdesk.events.routing.TicketQueued;
import io.tierdesk.events.routing.TicketReturned;
import io.tierdesk.events.routing.TicketTriaged;
import io.tierdesk.events.routing.VendorUpdateRecorded;
import io.tierdesk.events.routing.FieldWork;
import io.tierdesk.events.routing.Tier;
import java.util.List;
import java.util.Optional;
import java.util.ArrayList;

/**
 * What the decider wants done with one ticket: its new state, the events to append, an agent it freed (who takes the
 * next waiting ticket of their line) and whether the ticket now looks for an agent in its queue.
 */
public record Decision(RoutedTicket ticket, List<RoutingEvent> events, Optional<Freed> freed, boolean seekAgent) {
    /** An agent of {@code tier} who has one ticket less. */
    public record Freed(String agentId, Tier tier) {
    }

    public Decision {
        events = List.copyOf(events);
    }

    public static Decision unchanged(RoutedTicket ticket) {
        return new Decision(ticket, List.of(), Optional.empty(), false);
    }

    /** Who decided, for the events' metadata: the person behind the first event, else the router's own policy. */
    public String actor() {
        if (events.isEmpty()) {
            return RoutingDecider.POLICY;
        }
        String by = switch (events.get(0)) {
            case TicketTriaged e -> e.triagedBy();
            case TicketAssigned e -> e.assignedBy();
            case TicketEscalated e -> e.by();
            case TicketReturned e -> e.by();
            case TicketQueued e -> null;
            case SupervisorAlerted e -> null;
            case VendorUpdateRecorded e -> e.by();
            case FieldWork e -> e.by();
        };
        return by == null ? RoutingDecider.POLICY : by;
    }

    public Decision then(List<RoutingEvent> more) {
        List<RoutingEvent> all = new ArrayList<>(events);
        all.addAll(more);
        return new Decision(ticket, all, freed, seekAgent);
    }
}
