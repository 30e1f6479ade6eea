package io.tierdesk.router.domain;

import io.tierdesk.events.routing.Tier;
import java.util.Optional;

/**
 * What the router does when an SLA clock breaches: functional escalation (one line up, never beyond L4) and/or
 * hierarchical escalation (alert a supervisor). Only an active ticket — waiting in a queue or being worked on — is
 * acted on: a breach reported for a resolved, waiting-for-the-customer or closed ticket, or for one the router never
 * saw, changes nothing.
 *
 * @param fallbackSupervisor alerted when neither the assignee nor the owner has a supervisor; empty leaves the alert
 *                           to the supervisors of the ticket's tier
 */
public record BreachPolicy(boolean functional, boolean hierarchical, Optional<String> fallbackSupervisor) {

    /** The ticket as the router knows it when the breach arrives. */
    public record Ticket(RoutingState state, Tier tier, String assigneeSupervisor, String ownerSupervisor) {
    }

    /**
     * @param escalateTo the tier to move the ticket to, if any
     * @param alert      whether a supervisor is alerted
     * @param supervisor whom the alert names; empty: the tier's supervisors
     */
    public record Response(Optional<Tier> escalateTo, boolean alert, Optional<String> supervisor) {
        public static final Response NOTHING = new Response(Optional.empty(), false, Optional.empty());
    }

    public Response respond(Ticket ticket) {
        if (!ticket.state().active()) {
            return Response.NOTHING;
        }
        Optional<Tier> up = functional ? Escalation.onBreach(ticket.tier()) : Optional.empty();
        if (!hierarchical) {
            return new Response(up, false, Optional.empty());
        }
        Optional<String> supervisor = Optional.ofNullable(ticket.assigneeSupervisor())
                .or(() -> Optional.ofNullable(ticket.ownerSupervisor()))
                .or(this::fallbackSupervisor);
        return new Response(up, true, supervisor);
    }
}
