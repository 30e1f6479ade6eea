package io.tierdesk.router.domain;

import io.tierdesk.events.routing.Priority;
import io.tierdesk.events.routing.Tier;
import io.tierdesk.events.ticket.SupportPlan;
import io.tierdesk.events.ticket.Urgency;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A ticket as the router keeps it: how it was triaged, which line it is on, who owns it (the L1 agent who first took
 * it, the customer's contact for good) and who works on it now.
 *
 * @param slaDueAt the earliest due time a running SLA clock announced, for queue order; null: none known
 * @param queuedAt when it last entered its line's queue
 */
public record RoutedTicket(UUID ticketId, SupportPlan plan, String category, String skill, Impact impact,
        Urgency urgency, Priority priority, Tier tier, String owner, String assignee, RoutingState state,
        Instant slaDueAt, Instant queuedAt, Instant openedAt) {

    public RoutedTicket {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(priority, "priority");
    }

    /** Into the queue of {@code line}, without an assignee. */
    public RoutedTicket queuedOn(Tier line, Instant at) {
        return new RoutedTicket(ticketId, plan, category, skill, impact, urgency, priority, line, owner, null,
                RoutingState.QUEUED, slaDueAt, at, openedAt);
    }

    /** Worked on by {@code agentId}; the first L1 agent becomes the owner and stays it. */
    public RoutedTicket assignedTo(String agentId) {
        String newOwner = owner != null ? owner : tier == Tier.L1 ? agentId : null;
        return new RoutedTicket(ticketId, plan, category, skill, impact, urgency, priority, tier, newOwner, agentId,
                RoutingState.ASSIGNED, slaDueAt, queuedAt, openedAt);
    }

    public RoutedTicket in(RoutingState newState) {
        return new RoutedTicket(ticketId, plan, category, skill, impact, urgency, priority, tier, owner, assignee,
                newState, slaDueAt, queuedAt, openedAt);
    }

    public RoutedTicket triaged(String newCategory, String newSkill, Impact newImpact, Urgency newUrgency,
            Priority newPriority) {
        return new RoutedTicket(ticketId, plan, newCategory, newSkill, newImpact, newUrgency, newPriority, tier,
                owner, assignee, state, slaDueAt, queuedAt, openedAt);
    }

    /** The key this ticket has in its line's queue. */
    public QueuedTicket inQueue() {
        return new QueuedTicket(ticketId, tier, skill, priority, slaDueAt, queuedAt);
    }
}
