package io.tierdesk.router.domain;

import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.rules.WorkRule;
import io.tierdesk.events.routing.Priority;
import io.tierdesk.events.routing.RoutingEvent;
import io.tierdesk.events.routing.SupervisorAlerted;
import io.tierdesk.events.routing.Tier;
import io.tierdesk.events.routing.TicketAssigned;
import io.tierdesk.events.routing.TicketEscalated;
import io.tierdesk.events.routing.VendorCase;
import io.tierdesk.events.routing.VendorUpdateRecorded;
import io.tierdesk.events.routing.TicketQueued;
import io.tierdesk.events.routing.TicketReturned;
import io.tierdesk.events.routing.TicketTriaged;
import io.tierdesk.events.ticket.TicketOpened;
import io.tierdesk.events.ticket.Urgency;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * When a ticket is assigned, and to whom; when it moves between the lines. Plain Java: the router loads the ticket
 * (and the load of its line's agents) under the line's lock, asks here, and stores what comes back.
 *
 * <ul>
 *   <li>A new ticket is triaged by the first matching rule (skill, starting line, impact), its priority from impact ×
 *       urgency, and looks for an agent; nobody eligible: it waits ({@link TicketQueued}).</li>
 *   <li>Eligible: online, on the ticket's line, the ticket's skill (if any), below capacity. The least loaded
 *       (share of capacity, then count) wins; ties go to who has been idle longest, then by id.</li>
 *   <li>A freed agent takes the first ticket of their line's queue ({@link QueuedTicket#ORDER}) they have the skill
 *       for.</li>
 *   <li>Escalation goes up (a line at a time unless a supervisor skips one), a return goes back to the owner's line;
 *       either way the ticket queues on the new line, the old assignee is freed and the owner stays. Back on the
 *       owner's line, the owner takes it when they can.</li>
 *   <li>A breach alerts a supervisor and/or moves the ticket a line up, as the {@link BreachPolicy} says.</li>
 * </ul>
 */
public final class RoutingDecider {
    /** The actor of what the router decides by itself. */
    public static final String POLICY = "policy";
    public static final String BREACH_REASON = "sla-breached";
    public static final String RETURNED = "returned";

    private RoutingDecider() {
    }

    /**
     * A new ticket: triaged by the rules in force, queued on its starting line, then looking for an agent. One an
     * agent registered has them as its owner from the start — they stay the customer's contact wherever the ticket
     * goes — and looks for no one else: the registrant takes it if they work on its line ({@code seekAgent} false).
     */
    public static Decision open(TicketOpened opened, RoutingRules rules, Instant at) {
        String category = opened.diagnostics().product() == null ? null
                : opened.diagnostics().product().toLowerCase(Locale.ROOT);
        RoutingRules.Route route = rules.route(category, opened.plan());
        Urgency urgency = opened.statedUrgency() == null ? Urgency.MEDIUM : opened.statedUrgency();
        Priority priority = PriorityMatrix.priority(route.impact(), urgency);
        RoutedTicket ticket = new RoutedTicket(opened.ticketId(), opened.plan(), category, route.skill(),
                route.impact(), urgency, priority, route.tier(), opened.registeredBy(), null, RoutingState.QUEUED, null,
                at, opened.openedAt());
        return new Decision(ticket, List.of(new TicketTriaged(ticket.ticketId(), route.impact().wireName(),
                urgency.wireName(), priority, category, route.skill(), route.tier(), POLICY, at)), Optional.empty(),
                opened.registeredBy() == null);
    }

    /**
     * A queued ticket gets its owner when it is back on their line and they can take it (online, below capacity):
     * the owner is the customer's contact. Otherwise the best eligible agent of its line, or it is announced as
     * waiting.
     */
    public static Decision assign(RoutedTicket ticket, Collection<AgentLoad> agents, Instant at) {
        if (ticket.state() != RoutingState.QUEUED) {
            return Decision.unchanged(ticket);
        }
        return agents.stream().filter(a -> a.agentId().equals(ticket.owner()) && a.eligibleFor(ticket.tier(), null))
                .findFirst()
                .or(() -> Assignment.choose(ticket.tier(), ticket.skill(), agents))
                .map(agent -> assignTo(ticket, agent.agentId(), POLICY, at))
                .orElseGet(() -> new Decision(ticket, List.of(new TicketQueued(ticket.ticketId(), ticket.tier(), at)),
                        Optional.empty(), false));
    }

    /** Of the waiting tickets, the one a freed agent takes: the first in queue order they are eligible for. */
    public static Optional<RoutedTicket> nextFor(AgentLoad agent, Collection<RoutedTicket> waiting) {
        return waiting.stream()
                .filter(t -> t.state() == RoutingState.QUEUED && agent.eligibleFor(t.tier(), t.skill()))
                .min((a, b) -> QueuedTicket.ORDER.compare(a.inQueue(), b.inQueue()));
    }

    /**
     * By hand: a supervisor assigns, or an agent takes the ticket. Over capacity is allowed (automatic assignment
     * then passes the agent by); another line is not.
     *
     * @param agentTier  the line the agent works on; empty: no such agent
     * @param supervisor whether a supervisor assigns; an agent may only take a ticket waiting in their line's queue,
     *                   never one that is someone's (that would pass the owner-or-assignee rule by the back door)
     */
    public static Decision assignManually(RoutedTicket ticket, String agentId, Optional<Tier> agentTier, String by,
            boolean supervisor, Instant at) {
        if (ticket.state() == RoutingState.CLOSED) {
            throw new EscalationRejected("a closed ticket is not assigned");
        }
        if (agentTier.isEmpty()) {
            throw Rejection.notAllowedNow("agentId", "no agent " + agentId);
        }
        if (agentTier.get() != ticket.tier()) {
            throw new EscalationRejected("the ticket is at " + ticket.tier() + ", the agent works at "
                    + agentTier.get() + "; escalate first");
        }
        if (agentId.equals(ticket.assignee())) {
            return Decision.unchanged(ticket);
        }
        if (!supervisor && ticket.state() != RoutingState.QUEUED) {
            throw Rejection.forbidden("take-from-queue", "an agent takes a ticket waiting in their own line's queue; "
                    + "this one is " + ticket.state().wireName() + ": a supervisor reassigns it");
        }
        Decision assigned = assignTo(ticket, agentId, by, at);
        return new Decision(assigned.ticket(), assigned.events(), freed(ticket), false);
    }

    private static Decision assignTo(RoutedTicket ticket, String agentId, String by, Instant at) {
        return new Decision(ticket.assignedTo(agentId),
                List.of(new TicketAssigned(ticket.ticketId(), agentId, ticket.tier(), by, at)), Optional.empty(),
                false);
    }

    /** Resolved, waiting for the customer, or closed: no load any more; the assignee takes the next ticket. */
    public static Decision deactivate(RoutedTicket ticket, boolean closed) {
        if (ticket.state() == RoutingState.CLOSED) {
            return Decision.unchanged(ticket);
        }
        RoutedTicket next = ticket.in(closed ? RoutingState.CLOSED : RoutingState.INACTIVE);
        return new Decision(next, List.of(), freed(ticket), false);
    }

    /**
     * Worked on again (the customer answered, or it reopened): back to its assignee when they are online and below
     * capacity, otherwise into the queue for whoever fits.
     */
    public static Decision activateAgain(RoutedTicket ticket, Collection<AgentLoad> agents, Instant at) {
        if (ticket.state().active()) {
            return Decision.unchanged(ticket);
        }
        boolean backToAssignee = ticket.assignee() != null && agents.stream()
                .anyMatch(a -> a.agentId().equals(ticket.assignee()) && a.active() < a.capacity());
        if (backToAssignee) {
            return new Decision(ticket.in(RoutingState.ASSIGNED), List.of(), Optional.empty(), false);
        }
        return new Decision(ticket.queuedOn(ticket.tier(), at), List.of(), Optional.empty(), true);
    }

    /** L1 re-triages: new impact, urgency or category give a new priority; the line stays (escalation moves it). */
    public static Decision retriage(RoutedTicket ticket, Impact impact, Urgency urgency, String category, String by,
            boolean bySupervisor, Instant at) {
        WorkRule.require(by, bySupervisor, ticket.owner(), ticket.assignee(), "re-triage the ticket");
        Impact newImpact = impact != null ? impact : ticket.impact();
        Urgency newUrgency = urgency != null ? urgency : ticket.urgency();
        String newCategory = category != null ? category : ticket.category();
        String skill = category != null ? category : ticket.skill();
        Priority priority = PriorityMatrix.priority(newImpact, newUrgency);
        RoutedTicket next = ticket.triaged(newCategory, skill, newImpact, newUrgency, priority);
        return new Decision(next, List.of(new TicketTriaged(ticket.ticketId(), newImpact.wireName(),
                newUrgency.wireName(), priority, newCategory, skill, ticket.tier(), by, at)), Optional.empty(), false);
    }

    /** An agent (or a supervisor, who may skip a line) sends the ticket up. */
    public static Decision escalate(RoutedTicket ticket, Tier target, boolean bySupervisor, String reason,
            String note, String by, Instant at) {
        return escalate(ticket, target, bySupervisor, reason, note, by, null, at);
    }

    /** Up the lines by hand; to L4 with the case it opens at a vendor ({@code vendor}, null below L4). */
    public static Decision escalate(RoutedTicket ticket, Tier target, boolean bySupervisor, String reason,
            String note, String by, VendorCase vendor, Instant at) {
        requireActive(ticket);
        WorkRule.require(by, bySupervisor, ticket.owner(), ticket.assignee(), "escalate the ticket");
        Escalation.checkEscalation(ticket.tier(), target, bySupervisor);
        return moved(ticket, target, new TicketEscalated(ticket.ticketId(), ticket.tier(), target, reason, note, by,
                at, vendor), at);
    }

    /** The case a ticket at L4 has open with a vendor. */
    public record OpenCase(String vendorId, String caseReference) {
    }

    /**
     * The vendor answered on the ticket's case, recorded by whoever may work the ticket. Only while the ticket is at
     * L4 with a case open: an answer after the return belongs in a note.
     */
    public static Decision vendorUpdate(RoutedTicket ticket, Optional<OpenCase> openCase, String message,
            boolean resolved, String by, boolean bySupervisor, Instant at) {
        requireActive(ticket);
        WorkRule.require(by, bySupervisor, ticket.owner(), ticket.assignee(), "record the vendor's answer");
        if (ticket.tier() != Tier.L4 || openCase.isEmpty()) {
            throw Rejection.notAllowedNow("vendorCase", "the ticket has no vendor case open: it is at "
                    + ticket.tier() + (ticket.tier() == Tier.L4 ? " without one" : ""));
        }
        return new Decision(ticket, List.of(new VendorUpdateRecorded(ticket.ticketId(), openCase.get().vendorId(),
                openCase.get().caseReference(), message, resolved, by, at)), Optional.empty(), false);
    }

    /** Back down to the owner's line (L1 for tickets registered there). */
    public static Decision giveBack(RoutedTicket ticket, String note, String by, boolean bySupervisor, Instant at) {
        requireActive(ticket);
        WorkRule.require(by, bySupervisor, ticket.owner(), ticket.assignee(), "return the ticket");
        Tier target = Escalation.returnTarget(ticket.tier(), Tier.L1);
        return moved(ticket, target, new TicketReturned(ticket.ticketId(), ticket.tier(), target, note, by, at), at);
    }

    /**
     * An SLA clock breached: the alert (naming who was responsible when the clock ran out, so it comes first) and/or
     * one line up. A ticket that is not active, or is at the vendor line already, is not moved.
     *
     * @param supervisors whom the assignee and the owner report to, as the directory says now
     */
    public static Decision breach(RoutedTicket ticket, String clock, BreachPolicy policy, Supervisors supervisors,
            Instant at) {
        BreachPolicy.Response response = policy.respond(new BreachPolicy.Ticket(ticket.state(), ticket.tier(),
                supervisors.ofAssignee(), supervisors.ofOwner()));
        String detail = clock + " clock breached";
        List<RoutingEvent> alert = response.alert()
                ? List.of(new SupervisorAlerted(ticket.ticketId(), ticket.tier(), response.supervisor().orElse(null),
                        ticket.assignee(), ticket.owner(), ticket.priority(), BREACH_REASON, detail, at))
                : List.of();
        if (response.escalateTo().isEmpty()) {
            return new Decision(ticket, alert, Optional.empty(), false);
        }
        Tier up = response.escalateTo().get();
        Decision move = moved(ticket, up, new TicketEscalated(ticket.ticketId(), ticket.tier(), up, BREACH_REASON,
                detail, POLICY, at), at);
        return new Decision(move.ticket(), alert, move.freed(), move.seekAgent()).then(move.events());
    }

    /** Whom the assignee and the owner of a ticket report to; null where unknown. */
    public record Supervisors(String ofAssignee, String ofOwner) {
        public static final Supervisors NONE = new Supervisors(null, null);
    }

    private static Decision moved(RoutedTicket ticket, Tier to, RoutingEvent event, Instant at) {
        return new Decision(ticket.queuedOn(to, at), List.of(event), freed(ticket), true);
    }

    private static Optional<Decision.Freed> freed(RoutedTicket ticket) {
        return Optional.ofNullable(ticket.assignee()).map(agent -> new Decision.Freed(agent, ticket.tier()));
    }

    private static void requireActive(RoutedTicket ticket) {
        if (!ticket.state().active()) {
            throw new EscalationRejected("only an active ticket moves between lines; this one is "
                    + ticket.state().wireName());
        }
    }
}
