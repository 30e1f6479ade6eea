package io.tierdesk.router.application;

import io.tierdesk.eventing.api.Paging;
import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.store.EventStore;
import io.tierdesk.eventing.store.SqlRows;
import io.tierdesk.eventing.store.VersionedSettings;
import io.tierdesk.eventing.store.StoredEvent;
import io.tierdesk.eventing.store.SqlRows.Row;
import io.tierdesk.events.EventJson;
import io.tierdesk.events.agent.AgentProfile;
import io.tierdesk.events.agent.Presence;
import io.tierdesk.events.routing.Priority;
import io.tierdesk.events.routing.Tier;
import io.tierdesk.events.ticket.SupportPlan;
import io.tierdesk.events.ticket.Urgency;
import io.tierdesk.router.domain.AgentLoad;
import io.tierdesk.router.domain.Impact;
import io.tierdesk.router.domain.QueuedTicket;
import io.tierdesk.router.domain.RoutedTicket;
import io.tierdesk.router.domain.RoutingDecider.Supervisors;
import io.tierdesk.router.domain.RoutingRules;
import io.tierdesk.router.domain.RoutingState;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Every statement the router runs on its routing state: the routed tickets, the lines' locks and the load of their
 * agents, the queues, SLA due times and the routing rules. Native SQL, because the point is PostgreSQL's own
 * features: advisory locks, {@code FOR UPDATE SKIP LOCKED}, upserts.
 */
@ApplicationScoped
public class RoutingRepository {
    private static final String TICKET_COLUMNS = """
            ticket_id, plan, category, skill, impact, urgency, priority, tier, owner, assignee, state, sla_due_at,
            queued_at, opened_at""";

    /** What assignment needs of a profile, parsed once per agent version rather than once per decision. */
    private record Profile(long version, Tier tier, Set<String> skills, int capacity) {
    }

    private final Map<String, Profile> profiles = new ConcurrentHashMap<>();
    private final EventStore store;

    public RoutingRepository(EventStore store) {
        this.store = store;
    }

    /** Every routing decision on the ticket, oldest first, as the event store keeps them. */
    public Uni<List<StoredEvent<Object>>> history(Mutiny.Session session, UUID ticketId) {
        return store.load(session, ticketId.toString());
    }

    /** The ticket's line as last committed, without a lock: which lines to lock before the ticket. */
    public Uni<Optional<Tier>> tierOf(Mutiny.Session session, UUID ticketId) {
        return SqlRows.first(session, "SELECT tier FROM routed_ticket WHERE ticket_id = ?1", ticketId)
                .map(row -> Optional.ofNullable(row).map(r -> Tier.valueOf(r.text("tier"))));
    }

    /** The ticket, its row locked until the transaction ends. */
    public Uni<Optional<RoutedTicket>> lock(Mutiny.Session session, UUID ticketId) {
        return SqlRows.first(session, "SELECT " + TICKET_COLUMNS + " FROM routed_ticket WHERE ticket_id = ?1 "
                        + "FOR UPDATE", ticketId)
                .map(row -> Optional.ofNullable(row).map(RoutingRepository::ticket));
    }

    /** A new ticket, with the SLA due time if sla-monitor announced one first; false when it is known already. */
    public Uni<Boolean> insert(Mutiny.Session session, RoutedTicket t) {
        return SqlRows.execute(session, """
                        INSERT INTO routed_ticket (ticket_id, plan, category, skill, impact, urgency, priority, tier,
                            owner, assignee, state, queued_at, opened_at, sla_due_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,
                            (SELECT due_at FROM ticket_sla_due WHERE ticket_id = ?1))
                        ON CONFLICT (ticket_id) DO NOTHING""",
                        t.ticketId(), t.plan().wireName(), t.category(), t.skill(), t.impact().wireName(),
                        t.urgency().wireName(), t.priority().name(), t.tier().name(), t.owner(), t.assignee(),
                        t.state().wireName(), t.queuedAt(), t.openedAt())
                .map(inserted -> inserted == 1);
    }

    /** Writes what a decision changed (everything but the plan, the opening time and the SLA due time). */
    public Uni<Void> update(Mutiny.Session session, RoutedTicket t) {
        return SqlRows.execute(session, """
                        UPDATE routed_ticket SET category = ?2, skill = ?3, impact = ?4, urgency = ?5, priority = ?6,
                            tier = ?7, owner = ?8, assignee = ?9, state = ?10, queued_at = ?11
                        WHERE ticket_id = ?1""",
                        t.ticketId(), t.category(), t.skill(), t.impact().wireName(), t.urgency().wireName(),
                        t.priority().name(), t.tier().name(), t.owner(), t.assignee(), t.state().wireName(),
                        t.queuedAt())
                .replaceWithVoid();
    }

    /** The assignment locks of two lines, lower line first; taking a lock again later in the transaction is free. */
    public Uni<Void> lockLines(Mutiny.Session session, Tier a, Tier b) {
        Tier first = a.ordinal() <= b.ordinal() ? a : b;
        Tier second = first == a ? b : a;
        Uni<Void> locked = lockLine(session, first);
        return first == second ? locked : locked.chain(() -> lockLine(session, second));
    }

    private Uni<Void> lockLine(Mutiny.Session session, Tier tier) {
        return SqlRows.select(session, "SELECT 1 AS locked FROM pg_advisory_xact_lock(?1)", lineLockKey(tier))
                .replaceWithVoid();
    }

    /** A fixed 64-bit key per line, apart from any other advisory lock the database's users may take. */
    public static long lineLockKey(Tier tier) {
        return 0x7469_6572_6465_0000L + tier.ordinal();
    }

    /**
     * Takes the line's assignment lock and reads the load of its online agents. Every path that assigns takes this
     * lock first, so concurrent assignments in one line — two events at once, or two router instances — queue
     * instead of double-booking: one transaction-scoped advisory lock per line, not a row lock per agent.
     */
    public Uni<List<AgentLoad>> lockAgents(Mutiny.Session session, Tier tier) {
        return lockLine(session, tier)
                .chain(() -> SqlRows.select(session, """
                        SELECT a.agent_id, a.version, CAST(a.profile AS text) AS profile, a.idle_since,
                            (SELECT count(*) FROM routed_ticket t
                             WHERE t.assignee = a.agent_id AND t.state = 'assigned') AS active
                        FROM agent a WHERE a.tier = ?1 AND a.presence = 'online' ORDER BY a.agent_id""",
                        tier.name()))
                .map(rows -> {
                    List<AgentLoad> agents = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        Profile profile = profile(row.text("agent_id"), row.number("version"), row.text("profile"));
                        agents.add(new AgentLoad(row.text("agent_id"), profile.tier(), profile.skills(),
                                Presence.ONLINE, (int) row.number("active"), profile.capacity(),
                                row.instant("idle_since")));
                    }
                    return agents;
                });
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

    /**
     * The first waiting tickets of a line in queue order that an agent with these skills may take (no skill, or one
     * of theirs), locked; tickets another transaction is assigning are skipped rather than waited for. Filtered here,
     * not after the limit: the first tickets of a long queue may all need skills this agent lacks.
     */
    public Uni<List<RoutedTicket>> waiting(Mutiny.Session session, Tier tier, Set<String> skills, int limit) {
        return SqlRows.select(session, "SELECT " + TICKET_COLUMNS + " FROM routed_ticket WHERE tier = ?1 "
                        + "AND state = 'queued' AND (skill IS NULL OR skill = '' OR skill = ANY(CAST(?2 AS text[]))) "
                        + "ORDER BY " + QueuedTicket.ORDER_BY + " LIMIT ?3 FOR UPDATE SKIP LOCKED",
                        tier.name(), skills.toArray(new String[0]), limit)
                .map(rows -> rows.stream().map(RoutingRepository::ticket).toList());
    }

    /**
     * Online agents of a line below capacity for whom a waiting ticket exists that they may take: what the periodic
     * sweep hands work to. One statement, so a sweep with nothing to do costs one query per line.
     */
    public Uni<List<String>> freeAgentsWithWaitingWork(Mutiny.Session session, Tier tier) {
        return SqlRows.select(session, """
                        SELECT a.agent_id FROM agent a
                        WHERE a.tier = ?1 AND a.presence = 'online'
                          AND CAST(a.profile ->> 'capacity' AS int) > (SELECT count(*) FROM routed_ticket t
                              WHERE t.assignee = a.agent_id AND t.state = 'assigned')
                          AND EXISTS (SELECT 1 FROM routed_ticket q WHERE q.tier = a.tier AND q.state = 'queued'
                              AND (q.skill IS NULL OR q.skill = '' OR jsonb_exists(a.profile -> 'skills', q.skill)))
                        ORDER BY a.idle_since NULLS FIRST, a.agent_id""", tier.name())
                .map(rows -> rows.stream().map(r -> r.text("agent_id")).toList());
    }

    /** The waiting tickets of a line in queue order, unlocked: what supervisors look at. */
    public Uni<List<QueuedTicket>> queue(Mutiny.Session session, Tier tier, Paging page) {
        return SqlRows.select(session, "SELECT " + TICKET_COLUMNS + " FROM routed_ticket WHERE tier = ?1 "
                        + "AND state = 'queued' ORDER BY " + QueuedTicket.ORDER_BY + page.sql(), tier.name())
                .map(rows -> rows.stream().map(r -> ticket(r).inQueue()).toList());
    }

    /** The ticket's place in its line's queue (1 = next), or null when it is not queued. */
    public Uni<Integer> queuePosition(Mutiny.Session session, UUID ticketId) {
        return SqlRows.first(session, "SELECT position FROM (SELECT ticket_id, row_number() OVER (ORDER BY "
                        + QueuedTicket.ORDER_BY + ") AS position FROM routed_ticket WHERE state = 'queued' AND tier = "
                        + "(SELECT tier FROM routed_ticket WHERE ticket_id = ?1)) AS q WHERE ticket_id = ?1", ticketId)
                .map(row -> row == null ? null : (int) row.number("position"));
    }

    /** What an agent works on (assigned or waiting on the customer) and what they own (not closed). */
    public Uni<List<RoutedTicket>> worklist(Mutiny.Session session, String agentId, Paging page) {
        return SqlRows.select(session, "SELECT " + TICKET_COLUMNS + """
                         FROM routed_ticket
                        WHERE (assignee = ?1 AND state IN ('assigned', 'inactive'))
                           OR (owner = ?1 AND state <> 'closed')
                        ORDER BY priority, sla_due_at NULLS LAST, ticket_id""" + page.sql(), agentId)
                .map(rows -> rows.stream().map(RoutingRepository::ticket).toList());
    }

    /** The ticket as last committed, unlocked. */
    public Uni<Optional<RoutedTicket>> find(Mutiny.Session session, UUID ticketId) {
        return SqlRows.first(session, "SELECT " + TICKET_COLUMNS + " FROM routed_ticket WHERE ticket_id = ?1",
                        ticketId)
                .map(row -> Optional.ofNullable(row).map(RoutingRepository::ticket));
    }

    /** An agent of the ticket's line just took a ticket: idle no more since {@code at}. */
    public Uni<Void> markBusy(Mutiny.Session session, String agentId, Instant at) {
        return SqlRows.execute(session, "UPDATE agent SET idle_since = ?2 WHERE agent_id = ?1", agentId, at)
                .replaceWithVoid();
    }

    /** The line an agent works on; empty when there is no such agent. */
    public Uni<Optional<Tier>> agentTier(Mutiny.Session session, String agentId) {
        return SqlRows.first(session, "SELECT tier FROM agent WHERE agent_id = ?1", agentId)
                .map(row -> Optional.ofNullable(row).map(r -> Tier.valueOf(r.text("tier"))));
    }

    /** Whom the assignee and the owner report to, per the directory now. */
    public Uni<Supervisors> supervisors(Mutiny.Session session, RoutedTicket ticket) {
        return SqlRows.first(session, """
                        SELECT (SELECT profile ->> 'supervisor' FROM agent WHERE agent_id = ?1) AS of_assignee,
                               (SELECT profile ->> 'supervisor' FROM agent WHERE agent_id = ?2) AS of_owner""",
                        ticket.assignee(), ticket.owner())
                .map(row -> new Supervisors(row.text("of_assignee"), row.text("of_owner")));
    }

    /**
     * The earliest due time each ticket's running clocks announced, kept for the queue's order (apart from the
     * ticket, since the SLA stream may bring it first) and copied onto the tickets' rows: a statement each, however
     * many tickets.
     */
    public Uni<Void> recordSlaDue(Mutiny.Session session, Map<UUID, Instant> dueAt) {
        return keepSlaDue(session, dueAt).chain(() -> dueAt.isEmpty() ? Uni.createFrom().voidItem()
                : SqlRows.execute(session, """
                        UPDATE routed_ticket r SET sla_due_at = d.due_at FROM ticket_sla_due d
                        WHERE d.ticket_id = r.ticket_id AND r.ticket_id = ANY(CAST(CAST(?1 AS text[]) AS uuid[]))""",
                        (Object) dueAt.keySet().stream().sorted().map(UUID::toString).toArray(String[]::new))
                        .replaceWithVoid());
    }

    /** The due times alone: the projection {@code ticket_sla_due}, rebuilt from the SLA stream by this. */
    public Uni<Void> keepSlaDue(Mutiny.Session session, Map<UUID, Instant> dueAt) {
        if (dueAt.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[] ids = dueAt.keySet().stream().sorted().map(UUID::toString).toArray(String[]::new);
        return SqlRows.execute(session, """
                        INSERT INTO ticket_sla_due (ticket_id, due_at)
                        SELECT * FROM unnest(CAST(CAST(?1 AS text[]) AS uuid[]), CAST(CAST(?2 AS text[]) AS timestamptz[]))
                        ON CONFLICT (ticket_id) DO UPDATE SET due_at = LEAST(ticket_sla_due.due_at, EXCLUDED.due_at)""",
                        ids, Arrays.stream(ids).map(id -> dueAt.get(UUID.fromString(id)).toString())
                                .toArray(String[]::new))
                .replaceWithVoid();
    }

    private static final VersionedSettings<RoutingRules> RULES = VersionedSettings.of(
            new VersionedSettings.Table("routing_rules", null, "rules", "created_by", "created_at"),
            RoutingRules.class);

    /** The routing rules in force: the newest version. */
    public Uni<RoutingRules> rules(Mutiny.Session session) {
        return RULES.latest(session, null).map(found -> found.map(VersionedSettings.Version::body)
                .orElse(RoutingRules.NONE));
    }

    /** Puts a new version of the rules in force; answers it. */
    public Uni<RoutingRules> saveRules(Mutiny.Session session, List<RoutingRules.Rule> rules, String by, Instant at) {
        return rules(session).chain(current -> {
            RoutingRules next = new RoutingRules(current.version() + 1, rules);
            return RULES.save(session, null, next.version(), next, by, at).replaceWith(next);
        });
    }

    private static RoutedTicket ticket(Row r) {
        return new RoutedTicket(r.uuid("ticket_id"), SupportPlan.fromWire(r.text("plan")), r.text("category"),
                r.text("skill"), Impact.fromWire(r.text("impact")), Urgency.fromWire(r.text("urgency")),
                Priority.valueOf(r.text("priority")), Tier.valueOf(r.text("tier")), r.text("owner"),
                r.text("assignee"), RoutingState.fromWire(r.text("state")), r.instant("sla_due_at"),
                r.instant("queued_at"), r.instant("opened_at"));
    }
}
