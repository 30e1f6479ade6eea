package io.tierdesk.router.application;

import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.eventing.store.EventMetadata;
import io.tierdesk.eventing.store.EventStore;
import io.tierdesk.eventing.store.ExpectedVersion;
import io.tierdesk.events.routing.Priority;
import io.tierdesk.events.routing.RoutingEvent;
import io.tierdesk.events.routing.Tier;
import io.tierdesk.events.routing.TicketAssigned;
import io.tierdesk.events.routing.VendorCase;
import io.tierdesk.events.routing.VendorUpdateRecorded;
import io.tierdesk.events.sla.SlaBreached;
import io.tierdesk.events.ticket.TicketOpened;
import io.tierdesk.events.ticket.Urgency;
import io.tierdesk.router.domain.BreachPolicy;
import io.tierdesk.router.domain.Decision;
import io.tierdesk.router.domain.Escalation;
import io.tierdesk.router.domain.Impact;
import io.tierdesk.router.domain.RoutedTicket;
import io.tierdesk.router.domain.RoutingDecider;
import io.tierdesk.router.domain.RoutingState;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Runs the {@link RoutingDecider} under the right locks, in the caller's transaction, and stores what it decides.
 * Every path takes the lines' assignment locks first (lower line first when it needs two), then the ticket's row: two
 * router instances, or two events at once, can neither give one ticket two assignees nor push an agent over
 * capacity, nor wait on each other in a circle.
 */
@ApplicationScoped
public class Router {
    public static final String STREAM = "routing";
    /** How many waiting tickets a freed agent looks through for one they have the skill for. */
    private static final int WAITING_SCAN = 200;

    private final EventStore store;
    private final RoutingRepository tickets;
    private final Clock clock;
    private final RoutingMetrics metrics;
    private final VendorCatalogue vendors;

    public Router(EventStore store, RoutingRepository tickets, Clock clock, RoutingMetrics metrics,
            VendorCatalogue vendors) {
        this.vendors = vendors;
        this.store = store;
        this.tickets = tickets;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** A new ticket: triage by the rules in force, then assign or queue. Seen before: nothing. */
    public Uni<Void> onOpened(Mutiny.Session session, TicketOpened opened) {
        Instant at = clock.instant();
        return tickets.rules(session).chain(rules -> {
            Decision triage = RoutingDecider.open(opened, rules, at);
            return tickets.insert(session, triage.ticket()).chain(inserted -> !inserted ? Uni.createFrom().voidItem()
                    : carryOut(session, triage.ticket(), triage, at)
                            .chain(() -> opened.registeredBy() == null ? Uni.createFrom().voidItem()
                                    : registrantTakes(session, triage.ticket(), opened.registeredBy(), at)));
        });
    }

    /**
     * The agent who registered a ticket works it when they work on its line; otherwise (the rules sent it to
     * another line, or the agent is not in the directory) whoever fits there takes it, and the registrant stays
     * its owner.
     */
    private Uni<Void> registrantTakes(Mutiny.Session session, RoutedTicket ticket, String agent, Instant at) {
        return tickets.agentTier(session, agent).chain(tier -> tier.isPresent() && tier.get() == ticket.tier()
                ? assignManually(session, ticket.ticketId(), agent, agent, false)
                : seekAgent(session, ticket.ticketId(), ticket.tier(), at));
    }

    /** Resolved or waiting for the customer ({@code closed} false), or closed: the assignee takes the next ticket. */
    public Uni<Void> onInactive(Mutiny.Session session, UUID ticketId, boolean closed) {
        return onLine(session, ticketId, tier -> tier, ticket -> Uni.createFrom()
                .item(RoutingDecider.deactivate(ticket, closed))).replaceWithVoid();
    }

    /** The customer answered, or the ticket reopened: back to its assignee if they have room, else into the queue. */
    public Uni<Void> onActiveAgain(Mutiny.Session session, UUID ticketId) {
        Instant at = clock.instant();
        // The line is locked already; reading its agents takes the same lock again, which is free.
        return onLine(session, ticketId, tier -> tier, ticket -> tickets.lockAgents(session, ticket.tier())
                .map(agents -> RoutingDecider.activateAgain(ticket, agents, at))).replaceWithVoid();
    }

    /** An SLA clock breached: alert and/or one line up, as the policy says. */
    public Uni<Void> onBreach(Mutiny.Session session, SlaBreached breach, BreachPolicy policy) {
        Instant at = clock.instant();
        return onLine(session, breach.ticketId(), tier -> Escalation.onBreach(tier).orElse(tier),
                ticket -> tickets.supervisors(session, ticket).map(supervisors ->
                        RoutingDecider.breach(ticket, breach.clock(), policy, supervisors, at)))
                .replaceWithVoid();
    }

    /** Up the lines by hand; a supervisor may skip one. Answers the line the ticket is on now. */
    public Uni<Tier> escalate(Mutiny.Session session, UUID ticketId, Tier target, boolean bySupervisor, String reason,
            String note, String by) {
        return escalate(session, ticketId, target, bySupervisor, reason, note, by, null);
    }

    /** Up the lines by hand; to L4 with the case it opens at a vendor, kept until the ticket comes back. */
    public Uni<Tier> escalate(Mutiny.Session session, UUID ticketId, Tier target, boolean bySupervisor, String reason,
            String note, String by, VendorCase vendor) {
        Instant at = clock.instant();
        return moveByHand(session, ticketId, tier -> target, ticket -> RoutingDecider.escalate(ticket, target,
                bySupervisor, reason, note, by, vendor, at))
                .call(tier -> vendor == null ? Uni.createFrom().voidItem() : vendors.opened(session, ticketId, vendor));
    }

    /** Back down to the owner's line, ending any vendor case. Answers the line the ticket is on now. */
    public Uni<Tier> giveBack(Mutiny.Session session, UUID ticketId, String note, String by, boolean bySupervisor) {
        Instant at = clock.instant();
        return moveByHand(session, ticketId, tier -> Escalation.returnTarget(tier, Tier.L1),
                ticket -> RoutingDecider.giveBack(ticket, note, by, bySupervisor, at))
                .call(() -> vendors.ended(session, ticketId));
    }

    /** The vendor's answer on the case the ticket has open at L4. */
    public Uni<VendorUpdateRecorded> recordVendorUpdate(Mutiny.Session session, UUID ticketId, String message,
            boolean resolved, String by, boolean bySupervisor) {
        Instant at = clock.instant();
        return tickets.lock(session, ticketId).chain(ticket -> vendors.openCase(session, ticketId).chain(open -> {
            Decision decision = RoutingDecider.vendorUpdate(ticket.orElseThrow(() -> notSeen(ticketId)), open,
                    message, resolved, by, bySupervisor, at);
            return carryOut(session, ticket.get(), decision, at)
                    .replaceWith((VendorUpdateRecorded) decision.events().get(0));
        }));
    }

    private Uni<Tier> moveByHand(Mutiny.Session session, UUID ticketId, Function<Tier, Tier> target,
            Function<RoutedTicket, Decision> decide) {
        return onLine(session, ticketId, target, ticket -> Uni.createFrom().item(decide.apply(ticket)))
                .onItem().ifNull().failWith(() -> notSeen(ticketId)).map(decision -> decision.ticket().tier());
    }

    /** L1 re-triages: a new priority, the line stays. */
    public Uni<Priority> retriage(Mutiny.Session session, UUID ticketId, Impact impact, Urgency urgency,
            String category, String by, boolean bySupervisor) {
        Instant at = clock.instant();
        return tickets.lock(session, ticketId).chain(ticket -> {
            Decision decision = RoutingDecider.retriage(ticket.orElseThrow(() -> notSeen(ticketId)), impact, urgency,
                    category, by, bySupervisor, at);
            return carryOut(session, ticket.get(), decision, at).replaceWith(decision.ticket().priority());
        });
    }

    /** A supervisor assigns, or an agent takes the ticket; only on the ticket's line. */
    public Uni<Void> assignManually(Mutiny.Session session, UUID ticketId, String agentId, String by,
            boolean supervisor) {
        Instant at = clock.instant();
        return tickets.tierOf(session, ticketId).chain(seen -> seen.isEmpty()
                ? Uni.createFrom().failure(notSeen(ticketId))
                : tickets.lockAgents(session, seen.get()).chain(() -> tickets.lock(session, ticketId))
                        .chain(ticket -> ticket.get().tier() != seen.get()
                                // Moved since it was read: the line's lock we hold is not the ticket's any more.
                                ? Uni.createFrom().failure(Rejection.conflict("tier", "the ticket moved to "
                                        + ticket.get().tier() + " meanwhile; try again"))
                                : tickets.agentTier(session, agentId).chain(agentTier -> carryOut(session,
                                        ticket.get(), RoutingDecider.assignManually(ticket.get(), agentId, agentTier,
                                                by, supervisor, at), at))));
    }

    /** An agent who came online or got more capacity takes waiting tickets until full or none fits. */
    public Uni<Void> fill(Mutiny.Session session, String agentId, Tier tier) {
        return assignNextFor(session, agentId, tier, clock.instant())
                .chain(assigned -> assigned ? fill(session, agentId, tier) : Uni.createFrom().voidItem());
    }

    /**
     * Locks the line the ticket is on and the one {@code target} may take it to, then the ticket; then decides and
     * carries out. Answers the decision, or null for a ticket the router has not seen.
     */
    private Uni<Decision> onLine(Mutiny.Session session, UUID ticketId, Function<Tier, Tier> target,
            Function<RoutedTicket, Uni<Decision>> decide) {
        Instant at = clock.instant();
        return tickets.tierOf(session, ticketId).chain(seen -> seen.isEmpty() ? Uni.createFrom().nullItem()
                : tickets.lockLines(session, seen.get(), target.apply(seen.get()))
                        .chain(() -> tickets.lock(session, ticketId))
                        .chain(ticket -> ticket.get().tier() != seen.get()
                                // Another move got there first: decide again from where the ticket is now.
                                ? onLine(session, ticketId, target, decide)
                                : decide.apply(ticket.get()).call(d -> carryOut(session, ticket.get(), d, at))));
    }

    /** Looks for an agent for a queued ticket of {@code tier}, under the line's lock. */
    private Uni<Void> seekAgent(Mutiny.Session session, UUID ticketId, Tier tier, Instant at) {
        return tickets.lockAgents(session, tier).chain(agents -> tickets.lock(session, ticketId)
                .chain(ticket -> ticket.isEmpty() ? Uni.createFrom().voidItem()
                        : carryOut(session, ticket.get(), RoutingDecider.assign(ticket.get(), agents, at), at)));
    }

    /** A freed agent takes the first waiting ticket of their line that they have the skill for. */
    private Uni<Boolean> assignNextFor(Mutiny.Session session, String agentId, Tier tier, Instant at) {
        return tickets.lockAgents(session, tier).chain(agents -> agents.stream()
                .filter(a -> a.agentId().equals(agentId) && a.eligibleFor(tier, null)).findFirst()
                .map(agent -> tickets.waiting(session, tier, agent.skills(), WAITING_SCAN)
                        .chain(waiting -> RoutingDecider.nextFor(agent, waiting)
                                .map(next -> carryOut(session, next, RoutingDecider.assign(next, List.of(agent), at),
                                        at).replaceWith(true))
                                .orElse(Uni.createFrom().item(false))))
                .orElse(Uni.createFrom().item(false)));
    }

    /** Stores the decision, appends its events, counts them, then frees the agent and seeks one, as it says. */
    private Uni<Void> carryOut(Mutiny.Session session, RoutedTicket before, Decision decision, Instant at) {
        RoutedTicket after = decision.ticket();
        Uni<Void> stored = after.equals(before) ? Uni.createFrom().voidItem() : tickets.update(session, after);
        for (RoutingEvent event : decision.events()) {
            metrics.count(event, before, at);
            if (event instanceof TicketAssigned assigned) {
                stored = stored.chain(() -> tickets.markBusy(session, assigned.agentId(), at));
            }
        }
        return stored
                .chain(() -> decision.events().isEmpty() ? Uni.createFrom().voidItem()
                        : store.append(session, STREAM, after.ticketId().toString(), ExpectedVersion.ANY,
                                decision.events(), EventMetadata.actor(decision.actor()), at).replaceWithVoid())
                .chain(() -> decision.freed().map(f -> assignNextFor(session, f.agentId(), f.tier(), at)
                        .replaceWithVoid()).orElse(Uni.createFrom().voidItem()))
                .chain(() -> decision.seekAgent() && after.state() == RoutingState.QUEUED
                        ? seekAgent(session, after.ticketId(), after.tier(), at) : Uni.createFrom().voidItem());
    }

    private static Rejection notSeen(UUID ticketId) {
        return Rejection.notFound("ticketId", "the router has not seen ticket " + ticketId);
    }
}
