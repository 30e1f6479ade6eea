package io.tierdesk.router.application;

import static io.tierdesk.eventing.store.SqlTime.instant;
import static io.tierdesk.eventing.store.SqlTime.utc;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.tierdesk.events.EventJson;
import io.tierdesk.events.agent.AgentProfile;
import io.tierdesk.events.agent.Presence;
import io.tierdesk.events.routing.Priority;
import io.tierdesk.events.routing.SupervisorAlerted;
import io.tierdesk.events.routing.Tier;
import io.tierdesk.events.routing.TicketAssigned;
import io.tierdesk.events.routing.TicketQueued;
import io.tierdesk.events.routing.TicketTriaged;
import io.tierdesk.events.sla.SlaBreached;
import io.tierdesk.events.ticket.TicketOpened;
import io.tierdesk.events.ticket.Urgency;
import io.tierdesk.eventing.api.Problem;
import io.tierdesk.eventing.api.ProblemException;
import io.tierdesk.eventing.store.EventMetadata;
import io.tierdesk.eventing.store.EventStore;
import io.tierdesk.eventing.store.ExpectedVersion;
import io.tierdesk.router.domain.AgentLoad;
import io.tierdesk.router.domain.Assignment;
import io.tierdesk.router.domain.BreachPolicy;
import io.tierdesk.router.domain.Escalation;
import io.tierdesk.router.domain.EscalationRejected;
import io.tierdesk.router.domain.Impact;
import io.tierdesk.router.domain.PriorityMatrix;
import io.tierdesk.router.domain.RoutingRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Triage, assignment, moves between lines and the breach policy. Every path takes the lines' assignment locks first
 * (lower line first when it needs two), then the ticket's row: two router instances, or two events at once, can
 * neither give one ticket two assignees nor push an agent over capacity, nor wait on each other in a circle.
 */
@ApplicationScoped
public class Router {
    public static final String STREAM = "routing";
    public static final String POLICY = "policy";
    public static final String BREACH_REASON = "sla-breached";

    private final EventStore store;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final Map<String, Profile> profiles = new ConcurrentHashMap<>();

    public Router(EventStore store, Clock clock, MeterRegistry metrics) {
        this.store = store;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** A new ticket: triage by the rules in force, then assign or queue. Seen before: nothing. */
    public Uni<Void> onOpened(Mutiny.Session session, TicketOpened opened) {
        Instant at = clock.instant();
        String category = opened.diagnostics().product() == null ? null
                : opened.diagnostics().product().toLowerCase(Locale.ROOT);
        return rules(session).chain(rules -> {
            RoutingRules.Route route = rules.route(category, opened.plan());
            Urgency urgency = opened.statedUrgency() == null ? Urgency.MEDIUM : opened.statedUrgency();
            Priority priority = PriorityMatrix.priority(route.impact(), urgency);
            return session.createNativeMutationQuery("INSERT INTO routed_ticket (ticket_id, plan, category, skill, "
                            + "impact, urgency, priority, tier, state, queued_at, opened_at, sla_due_at) VALUES (?1, ?2, "
                            + "?3, ?4, ?5, ?6, ?7, ?8, 'queued', ?9, ?10, (SELECT due_at FROM ticket_sla_due WHERE "
                            + "ticket_id = ?1)) ON CONFLICT (ticket_id) DO NOTHING")
                    .setParameter(1, opened.ticketId()).setParameter(2, opened.plan().wireName())
                    .setParameter(3, category).setParameter(4, route.skill())
                    .setParameter(5, route.impact().wireName()).setParameter(6, urgency.wireName())
                    .setParameter(7, priority.name()).setParameter(8, route.tier().name())
                    .setParameter(9, utc(at)).setParameter(10, utc(opened.openedAt()))
                    .executeUpdate()
                    .chain(inserted -> inserted == 0 ? Uni.createFrom().voidItem()
                            : append(session, opened.ticketId(), new TicketTriaged(opened.ticketId(),
                                    route.impact().wireName(), urgency.wireName(), priority, category, route.skill(),
                                    route.tier(), POLICY, at), at)
                                    .chain(() -> tryAssign(session, opened.ticketId(), route.tier(), at, true)));
        });
    }

    /** The ticket no longer loads its assignee (resolved, waiting for the customer, closed); the agent takes the next. */
    public Uni<Void> onInactive(Mutiny.Session session, UUID ticketId, boolean closed) {
        Instant at = clock.instant();
        return session.<Object[]>createNativeQuery("SELECT assignee, tier, state FROM routed_ticket WHERE ticket_id = ?1")
                .setParameter(1, ticketId).getResultList()
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    String assignee = (String) rows.get(0)[0];
                    Tier tier = Tier.valueOf((String) rows.get(0)[1]);
                    return lockAgents(session, tier)
                            .chain(() -> session.createNativeMutationQuery("UPDATE routed_ticket SET state = ?2 "
                                            + "WHERE ticket_id = ?1 AND state <> 'closed'")
                                    .setParameter(1, ticketId).setParameter(2, closed ? "closed" : "inactive")
                                    .executeUpdate())
                            .chain(() -> assignee == null ? Uni.createFrom().voidItem()
                                    : assignNextFor(session, assignee, tier, at).replaceWithVoid());
                });
    }

    /**
     * Moves an active ticket to another line: up by escalation (checked by the caller's rule), down by a return. The
     * owner stays; the old assignee is freed and takes the next waiting ticket; the new line's rules assign it.
     *
     * <p>Both lines are locked, lower first, before the ticket's row — the order every path keeps (tiers, then the
     * ticket) — so an escalation and a return going the opposite way wait for each other instead of deadlocking.
     */
    public Uni<Tier> move(Mutiny.Session session, UUID ticketId, java.util.function.UnaryOperator<Tier> target,
            String reason, String note, String by) {
        return session.<String>createNativeQuery("SELECT tier FROM routed_ticket WHERE ticket_id = ?1")
                .setParameter(1, ticketId).getResultList()
                .chain(tiers -> {
                    if (tiers.isEmpty()) {
                        return Uni.createFrom().failure(notSeen(ticketId));
                    }
                    Tier seen = Tier.valueOf(tiers.get(0));
                    Tier to = target.apply(seen);
                    return lockTiers(session, seen, to).chain(() -> moveLocked(session, ticketId, seen, to, target,
                            reason, note, by));
                });
    }

    private Uni<Tier> moveLocked(Mutiny.Session session, UUID ticketId, Tier seen, Tier to,
            java.util.function.UnaryOperator<Tier> target, String reason, String note, String by) {
        Instant at = clock.instant();
        return session.<Object[]>createNativeQuery("SELECT tier, assignee, state FROM routed_ticket WHERE ticket_id = ?1 "
                        + "FOR UPDATE").setParameter(1, ticketId).getResultList()
                .chain(rows -> {
                    Tier from = Tier.valueOf((String) rows.get(0)[0]);
                    if (from != seen) {
                        // Another move got there first: decide again from where the ticket is now.
                        return move(session, ticketId, target, reason, note, by);
                    }
                    String previous = (String) rows.get(0)[1];
                    String state = (String) rows.get(0)[2];
                    if (!"queued".equals(state) && !"assigned".equals(state)) {
                        return Uni.createFrom().failure(new EscalationRejected(
                                "only an active ticket moves between lines; this one is " + state));
                    }
                    metrics.counter("tierdesk.router.escalations", "from", from.name(), "to", to.name(),
                            "reason", reason).increment();
                    return session.createNativeMutationQuery("UPDATE routed_ticket SET tier = ?2, assignee = NULL, "
                                    + "state = 'queued', queued_at = ?3 WHERE ticket_id = ?1")
                            .setParameter(1, ticketId).setParameter(2, to.name()).setParameter(3, utc(at))
                            .executeUpdate()
                            .chain(() -> append(session, ticketId, new io.tierdesk.events.routing.TicketEscalated(
                                    ticketId, from, to, reason, note, by, at), at))
                            .chain(() -> previous == null ? Uni.createFrom().voidItem()
                                    : assignNextFor(session, previous, from, at).replaceWithVoid())
                            .chain(() -> tryAssign(session, ticketId, to, at, true))
                            .replaceWith(to);
                });
    }

    /** The assignment locks of two lines, lower line first; taking a lock again later in the transaction is free. */
    private Uni<Void> lockTiers(Mutiny.Session session, Tier a, Tier b) {
        Tier first = a.ordinal() <= b.ordinal() ? a : b;
        Tier second = first == a ? b : a;
        Uni<Void> locked = tierLock(session, first);
        return first == second ? locked : locked.chain(() -> tierLock(session, second));
    }

    private Uni<Void> tierLock(Mutiny.Session session, Tier tier) {
        return session.createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(?1)")
                .setParameter(1, tierLockKey(tier)).getResultList().replaceWithVoid();
    }

    /**
     * An SLA clock breached: alert a supervisor and/or move the ticket one line up, as the policy says. The alert names
     * who was responsible when the clock ran out, so it is decided before the move.
     */
    public Uni<Void> onBreach(Mutiny.Session session, SlaBreached breach, BreachPolicy policy) {
        return session.<String>createNativeQuery("SELECT tier FROM routed_ticket WHERE ticket_id = ?1")
                .setParameter(1, breach.ticketId()).getResultList()
                .chain(tiers -> {
                    if (tiers.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    // The lines a breach may touch, locked before the ticket, as on every path.
                    Tier seen = Tier.valueOf(tiers.get(0));
                    return lockTiers(session, seen, Escalation.onBreach(seen).orElse(seen))
                            .chain(() -> onBreachLocked(session, breach, policy));
                });
    }

    private Uni<Void> onBreachLocked(Mutiny.Session session, SlaBreached breach, BreachPolicy policy) {
        Instant at = clock.instant();
        return session.<Object[]>createNativeQuery("SELECT t.state, t.tier, t.assignee, t.owner, t.priority, "
                        + "(SELECT a.profile->>'supervisor' FROM agent a WHERE a.agent_id = t.assignee), "
                        + "(SELECT a.profile->>'supervisor' FROM agent a WHERE a.agent_id = t.owner) "
                        + "FROM routed_ticket t WHERE t.ticket_id = ?1 FOR UPDATE OF t")
                .setParameter(1, breach.ticketId()).getResultList()
                .chain(rows -> {
                    Object[] r = rows.get(0);
                    Tier tier = Tier.valueOf((String) r[1]);
                    BreachPolicy.Response response = policy.respond(new BreachPolicy.Ticket((String) r[0], tier,
                            (String) r[5], (String) r[6]));
                    String detail = breach.clock() + " clock breached";
                    Uni<Void> alert = Uni.createFrom().voidItem();
                    if (response.alert()) {
                        metrics.counter("tierdesk.router.supervisor.alerts", "tier", tier.name(),
                                "reason", BREACH_REASON).increment();
                        alert = append(session, breach.ticketId(), new SupervisorAlerted(breach.ticketId(), tier,
                                response.supervisor().orElse(null), (String) r[2], (String) r[3],
                                Priority.valueOf((String) r[4]), BREACH_REASON, detail, at), at);
                    }
                    return alert.chain(() -> response.escalateTo().isEmpty() ? Uni.createFrom().voidItem()
                            : move(session, breach.ticketId(), from -> Escalation.onBreach(from)
                                            .orElseThrow(() -> new EscalationRejected("already at the vendor line")),
                                    BREACH_REASON, detail, POLICY)
                                    .replaceWithVoid()
                                    // Moved meanwhile to where a breach cannot take it: the alert is all.
                                    .onFailure(EscalationRejected.class).recoverWithNull());
                });
    }

    /**
     * The ticket is worked on again (the customer answered, or it reopened): back to its assignee if they are online
     * and below capacity, otherwise back into the queue for whoever fits.
     */
    public Uni<Void> onActiveAgain(Mutiny.Session session, UUID ticketId) {
        Instant at = clock.instant();
        return session.<Object[]>createNativeQuery("SELECT assignee, tier, state FROM routed_ticket WHERE ticket_id = ?1")
                .setParameter(1, ticketId).getResultList()
                .chain(rows -> {
                    if (rows.isEmpty() || "queued".equals(rows.get(0)[2]) || "assigned".equals(rows.get(0)[2])) {
                        return Uni.createFrom().voidItem();
                    }
                    String assignee = (String) rows.get(0)[0];
                    Tier tier = Tier.valueOf((String) rows.get(0)[1]);
                    return lockAgents(session, tier).chain(agents -> {
                        boolean backToAssignee = assignee != null && agents.stream()
                                .anyMatch(a -> a.agentId().equals(assignee) && a.active() < a.capacity());
                        return session.createNativeMutationQuery("UPDATE routed_ticket SET state = ?2, assignee = ?3, "
                                        + "queued_at = CASE WHEN ?2 = 'queued' THEN ?4 ELSE queued_at END "
                                        + "WHERE ticket_id = ?1")
                                .setParameter(1, ticketId).setParameter(2, backToAssignee ? "assigned" : "queued")
                                .setParameter(3, backToAssignee ? assignee : null).setParameter(4, utc(at))
                                .executeUpdate()
                                .chain(() -> backToAssignee ? Uni.createFrom().voidItem()
                                        : tryAssign(session, ticketId, tier, at, true));
                    });
                });
    }

    /** L1 re-triages: new impact, urgency or category give a new priority (the tier stays; escalation moves it). */
    public Uni<Priority> retriage(Mutiny.Session session, UUID ticketId, Impact impact, Urgency urgency,
            String category, String by) {
        Instant at = clock.instant();
        return session.<Object[]>createNativeQuery("SELECT impact, urgency, category, skill, tier FROM routed_ticket "
                        + "WHERE ticket_id = ?1 FOR UPDATE").setParameter(1, ticketId).getResultList()
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().failure(notSeen(ticketId));
                    }
                    Object[] r = rows.get(0);
                    Impact newImpact = impact != null ? impact : Impact.fromWire((String) r[0]);
                    Urgency newUrgency = urgency != null ? urgency : Urgency.fromWire((String) r[1]);
                    String newCategory = category != null ? category : (String) r[2];
                    String skill = category != null ? category : (String) r[3];
                    Priority priority = PriorityMatrix.priority(newImpact, newUrgency);
                    return session.createNativeMutationQuery("UPDATE routed_ticket SET impact = ?2, urgency = ?3, "
                                    + "category = ?4, skill = ?5, priority = ?6 WHERE ticket_id = ?1")
                            .setParameter(1, ticketId).setParameter(2, newImpact.wireName())
                            .setParameter(3, newUrgency.wireName()).setParameter(4, newCategory)
                            .setParameter(5, skill).setParameter(6, priority.name()).executeUpdate()
                            .chain(() -> append(session, ticketId, new TicketTriaged(ticketId, newImpact.wireName(),
                                    newUrgency.wireName(), priority, newCategory, skill, Tier.valueOf((String) r[4]),
                                    by, at), at))
                            .replaceWith(priority);
                });
    }

    /**
     * A manual assignment or an agent taking a ticket: allowed over capacity (auto-assignment then skips that agent
     * until they are below it again), but only to an agent of the ticket's tier.
     */
    public Uni<Void> assignManually(Mutiny.Session session, UUID ticketId, String agentId, String by) {
        Instant at = clock.instant();
        return session.<Object[]>createNativeQuery("SELECT tier, assignee, state FROM routed_ticket WHERE ticket_id = ?1")
                .setParameter(1, ticketId).getResultList()
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().failure(notSeen(ticketId));
                    }
                    Tier tier = Tier.valueOf((String) rows.get(0)[0]);
                    String previous = (String) rows.get(0)[1];
                    if ("closed".equals(rows.get(0)[2])) {
                        return Uni.createFrom().failure(new EscalationRejected(
                                "a closed ticket is not assigned"));
                    }
                    return lockAgents(session, tier)
                            .chain(() -> session.<String>createNativeQuery("SELECT tier FROM agent WHERE agent_id = ?1")
                                    .setParameter(1, agentId).getResultList())
                            .chain(agent -> {
                                if (agent.isEmpty()) {
                                    return Uni.createFrom().failure(new ProblemException(422,
                                            "Agent not found", "no agent " + agentId,
                                            List.of(new Problem.FieldError("agentId",
                                                    "no such agent"))));
                                }
                                if (!tier.name().equals(agent.get(0))) {
                                    return Uni.createFrom().failure(new EscalationRejected(
                                            "the ticket is at " + tier + ", the agent works at " + agent.get(0)
                                                    + "; escalate first"));
                                }
                                if (agentId.equals(previous)) {
                                    return Uni.createFrom().voidItem();
                                }
                                return session.<String>createNativeQuery("SELECT tier FROM routed_ticket WHERE "
                                                + "ticket_id = ?1 FOR UPDATE").setParameter(1, ticketId).getResultList()
                                        .chain(now -> tier.name().equals(now.get(0))
                                                ? assignBy(session, ticketId, agentId, tier, at, by)
                                                // Moved to another line since it was read: the line's lock is not ours.
                                                : Uni.createFrom().failure(new EscalationRejected(
                                                        "the ticket moved to " + now.get(0) + " meanwhile; try again")))
                                        .chain(() -> previous == null ? Uni.createFrom().voidItem()
                                                : assignNextFor(session, previous, tier, at).replaceWithVoid());
                            });
                });
    }

    private static ProblemException notSeen(UUID ticketId) {
        return new ProblemException(404, "Ticket not found",
                "the router has not seen ticket " + ticketId, List.of());
    }

    /** Assigns the queued ticket to the best agent, or records that it waits. Caller's transaction. */
    Uni<Void> tryAssign(Mutiny.Session session, UUID ticketId, Tier tier, Instant at, boolean announceQueued) {
        return lockAgents(session, tier).chain(agents -> session.<Object[]>createNativeQuery("SELECT state, skill "
                        + "FROM routed_ticket WHERE ticket_id = ?1 FOR UPDATE").setParameter(1, ticketId).getResultList()
                .chain(rows -> {
                    if (rows.isEmpty() || !"queued".equals(rows.get(0)[0])) {
                        return Uni.createFrom().voidItem();
                    }
                    Optional<AgentLoad> chosen = Assignment.choose(tier, (String) rows.get(0)[1], agents);
                    if (chosen.isEmpty()) {
                        metrics.counter("tierdesk.router.queued", "tier", tier.name()).increment();
                        return announceQueued ? append(session, ticketId, new TicketQueued(ticketId, tier, at), at)
                                : Uni.createFrom().voidItem();
                    }
                    return assign(session, ticketId, chosen.get().agentId(), tier, at);
                }));
    }

    /** An agent who came online or got more capacity takes waiting tickets until full or none fits. */
    public Uni<Void> fill(Mutiny.Session session, String agentId, Tier tier) {
        return assignNextFor(session, agentId, tier, clock.instant())
                .chain(assigned -> assigned ? fill(session, agentId, tier) : Uni.createFrom().voidItem());
    }

    /** A freed agent takes the first waiting ticket of their tier that they have the skill for. */
    private Uni<Boolean> assignNextFor(Mutiny.Session session, String agentId, Tier tier, Instant at) {
        return lockAgents(session, tier).chain(agents -> {
            Optional<AgentLoad> agent = agents.stream().filter(a -> a.agentId().equals(agentId)).findFirst();
            if (agent.isEmpty() || !agent.get().eligibleFor(tier, null)) {
                return Uni.createFrom().item(false);
            }
            return session.<Object[]>createNativeQuery("SELECT ticket_id, skill FROM routed_ticket WHERE tier = ?1 "
                            + "AND state = 'queued' ORDER BY priority, sla_due_at NULLS LAST, queued_at, ticket_id "
                            + "LIMIT 200 FOR UPDATE SKIP LOCKED")
                    .setParameter(1, tier.name()).getResultList()
                    .chain(rows -> rows.stream()
                            .filter(r -> agent.get().eligibleFor(tier, (String) r[1]))
                            .findFirst()
                            .map(r -> assign(session, (UUID) r[0], agentId, tier, at).replaceWith(true))
                            .orElse(Uni.createFrom().item(false)));
        });
    }

    private Uni<Void> assign(Mutiny.Session session, UUID ticketId, String agentId, Tier tier, Instant at) {
        return assignBy(session, ticketId, agentId, tier, at, POLICY);
    }

    private Uni<Void> assignBy(Mutiny.Session session, UUID ticketId, String agentId, Tier tier, Instant at, String by) {
        metrics.counter("tierdesk.router.assignments", "tier", tier.name(), "by", POLICY.equals(by) ? "policy" : "agent")
                .increment();
        // The old state and queue time come back so the wait is measured only for tickets that waited in the queue.
        return session.<Object[]>createNativeQuery("UPDATE routed_ticket t SET state = 'assigned', assignee = ?2, "
                        + "owner = COALESCE(t.owner, CASE WHEN ?3 = 'L1' THEN ?2 END) FROM (SELECT state, queued_at "
                        + "FROM routed_ticket WHERE ticket_id = ?1) old WHERE t.ticket_id = ?1 "
                        + "RETURNING old.state, old.queued_at")
                .setParameter(1, ticketId).setParameter(2, agentId).setParameter(3, tier.name()).getResultList()
                .invoke(old -> {
                    if (!old.isEmpty() && "queued".equals(old.get(0)[0]) && old.get(0)[1] != null) {
                        Timer.builder("tierdesk.router.queue.wait").description("time from queue to assignment")
                                .tag("tier", tier.name()).publishPercentileHistogram().register(metrics)
                                .record(Duration.between(instant(old.get(0)[1]), at));
                    }
                })
                .chain(() -> session.createNativeMutationQuery("UPDATE agent SET idle_since = ?2 WHERE agent_id = ?1")
                        .setParameter(1, agentId).setParameter(2, utc(at)).executeUpdate())
                .chain(() -> append(session, ticketId, new TicketAssigned(ticketId, agentId, tier, by, at), at));
    }

    /**
     * Takes the tier's assignment lock and reads the load of its online agents. Every path that assigns takes this
     * lock first, so concurrent assignments in one tier — two events at once, or two router instances — queue instead
     * of double-booking. One transaction-scoped advisory lock per tier replaces locking every online agent row of the
     * tier: same exclusion, one call instead of a row lock per agent.
     */
    private Uni<List<AgentLoad>> lockAgents(Mutiny.Session session, Tier tier) {
        return tierLock(session, tier)
                .chain(() -> session.<Object[]>createNativeQuery("SELECT a.agent_id, a.version, CAST(a.profile AS text), "
                                + "a.idle_since, (SELECT count(*) FROM routed_ticket t WHERE t.assignee = a.agent_id "
                                + "AND t.state = 'assigned') FROM agent a WHERE a.tier = ?1 AND a.presence = 'online' "
                                + "ORDER BY a.agent_id")
                        .setParameter(1, tier.name()).getResultList())
                .map(rows -> {
                    List<AgentLoad> agents = new ArrayList<>(rows.size());
                    for (Object[] row : rows) {
                        Profile profile = profile((String) row[0], ((Number) row[1]).longValue(), (String) row[2]);
                        agents.add(new AgentLoad((String) row[0], profile.tier(), profile.skills(), Presence.ONLINE,
                                ((Number) row[4]).intValue(), profile.capacity(), instant(row[3])));
                    }
                    return agents;
                });
    }

    /** What assignment needs of a profile, parsed once per agent version rather than once per decision. */
    private record Profile(long version, Tier tier, Set<String> skills, int capacity) {
    }

    private Profile profile(String agentId, long version, String json) {
        Profile known = profiles.get(agentId);
        if (known != null && known.version() == version) {
            return known;
        }
        AgentProfile parsed = EventJson.read(json.getBytes(StandardCharsets.UTF_8), AgentProfile.class);
        Profile fresh = new Profile(version, parsed.tier(), Set.copyOf(parsed.skills()), parsed.capacity());
        profiles.put(agentId, fresh);
        return fresh;
    }

    /** A fixed 64-bit key per tier, apart from any other advisory lock the database's users may take. */
    public static long tierLockKey(Tier tier) {
        return 0x7469_6572_6465_0000L + tier.ordinal();
    }

    /** Replaces the rules in force with a new version; the caller has checked {@link RoutingRules#problems()}. */
    public Uni<RoutingRules> saveRules(Mutiny.Session session, List<RoutingRules.Rule> rules, String by) {
        return rules(session).chain(current -> {
            RoutingRules next = new RoutingRules(current.version() + 1, rules);
            return session.createNativeMutationQuery("INSERT INTO routing_rules (version, rules, created_by, created_at) "
                            + "VALUES (?1, CAST(CAST(?2 AS text) AS jsonb), ?3, ?4)")
                    .setParameter(1, next.version())
                    .setParameter(2, new String(EventJson.write(next), StandardCharsets.UTF_8))
                    .setParameter(3, by).setParameter(4, utc(clock.instant()))
                    .executeUpdate().replaceWith(next);
        });
    }

    public Uni<RoutingRules> rules(Mutiny.Session session) {
        return session.<String>createNativeQuery("SELECT CAST(rules AS text) FROM routing_rules ORDER BY version DESC "
                        + "LIMIT 1").getResultList()
                .map(rows -> rows.isEmpty() ? RoutingRules.NONE
                        : EventJson.read(rows.get(0).getBytes(StandardCharsets.UTF_8), RoutingRules.class));
    }

    private Uni<Void> append(Mutiny.Session session, UUID ticketId, Object event, Instant at) {
        return store.append(session, STREAM, ticketId.toString(), ExpectedVersion.ANY, List.of(event),
                EventMetadata.actor(POLICY), at).replaceWithVoid();
    }



}
