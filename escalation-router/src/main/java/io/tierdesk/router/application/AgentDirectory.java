package io.tierdesk.router.application;

import io.tierdesk.eventing.api.Paging;
import io.smallrye.mutiny.Uni;
import io.tierdesk.events.agent.AgentChanged;
import io.tierdesk.events.agent.AgentPresenceChanged;
import io.tierdesk.events.agent.AgentProfile;
import io.tierdesk.events.agent.AgentRegistered;
import io.tierdesk.events.agent.Presence;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.eventing.store.EventMetadata;
import io.tierdesk.eventing.store.SqlRows;
import io.tierdesk.eventing.store.SqlRows.Row;
import io.tierdesk.eventing.store.EventStore;
import io.tierdesk.eventing.store.ExpectedVersion;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/** Agents: the profile and presence routing works with. Each change is an event on {@code tierdesk.agents}. */
@ApplicationScoped
public class AgentDirectory {
    public static final String STREAM = "agent";

    public record Agent(String agentId, AgentProfile profile, Presence presence, Instant idleSince, long version) {
    }

    private final EventStore store;
    private final Clock clock;
    private final Router router;
    private final RoutingRepository tickets;

    public AgentDirectory(EventStore store, Clock clock, Router router, RoutingRepository tickets) {
        this.store = store;
        this.clock = clock;
        this.router = router;
        this.tickets = tickets;
    }

    /**
     * Registers an agent or changes their profile; an unchanged profile appends nothing. The lines the agent leaves
     * and joins are locked first, as assignment locks them: a change never lands between an assignment's reading of
     * the line's agents and its write.
     */
    public Uni<Agent> put(Mutiny.Session session, String agentId, AgentProfile profile, String by) {
        Instant at = clock.instant();
        return find(session, agentId).call(existing -> tickets.lockLines(session,
                existing == null ? profile.tier() : existing.profile().tier(), profile.tier())).chain(existing -> {
            if (existing == null) {
                return store.append(session, STREAM, agentId, ExpectedVersion.NO_STREAM,
                                List.of(new AgentRegistered(agentId, profile, by, at)), EventMetadata.actor(by), at)
                        .call(version -> SqlRows.execute(session, """
                                        INSERT INTO agent (agent_id, profile, tier, version, updated_at)
                                        VALUES (?1, CAST(CAST(?2 AS text) AS jsonb), ?3, ?4, ?5)""",
                                agentId, SqlRows.json(profile), profile.tier().name(), version, at))
                        .map(version -> new Agent(agentId, profile, Presence.OFFLINE, null, version));
            }
            if (existing.profile().equals(profile)) {
                return Uni.createFrom().item(existing);
            }
            return store.append(session, STREAM, agentId, existing.version(),
                            List.of(new AgentChanged(agentId, profile, by, at)), EventMetadata.actor(by), at)
                    .call(version -> SqlRows.execute(session, """
                                    UPDATE agent SET profile = CAST(CAST(?2 AS text) AS jsonb), tier = ?3, version = ?4,
                                        updated_at = ?5
                                    WHERE agent_id = ?1""", agentId, SqlRows.json(profile), profile.tier().name(), version, at))
                    .call(version -> router.fill(session, agentId, profile.tier()))
                    .map(version -> new Agent(agentId, profile, existing.presence(), existing.idleSince(), version));
        });
    }

    /** Online, away or offline, under the line's lock. Coming online starts the idle clock if the agent had none. */
    public Uni<Agent> setPresence(Mutiny.Session session, String agentId, Presence presence, String by) {
        Instant at = clock.instant();
        return find(session, agentId).call(existing -> existing == null ? Uni.createFrom().voidItem()
                : tickets.lockLines(session, existing.profile().tier(), existing.profile().tier())).chain(existing -> {
            if (existing == null) {
                return Uni.createFrom().failure(Rejection.notFound("agentId", "no agent " + agentId));
            }
            if (existing.presence() == presence) {
                return Uni.createFrom().item(existing);
            }
            Instant idleSince = presence == Presence.ONLINE && existing.idleSince() == null ? at : existing.idleSince();
            return store.append(session, STREAM, agentId, existing.version(),
                            List.of(new AgentPresenceChanged(agentId, presence, by, at)), EventMetadata.actor(by), at)
                    .call(version -> SqlRows.execute(session, """
                                    UPDATE agent SET presence = ?2, idle_since = ?3, version = ?4, updated_at = ?5
                                    WHERE agent_id = ?1""", agentId, presence.wireName(), idleSince, version, at))
                    .call(version -> presence == Presence.ONLINE
                            ? router.fill(session, agentId, existing.profile().tier()) : Uni.createFrom().voidItem())
                    .map(version -> new Agent(agentId, existing.profile(), presence, idleSince, version));
        });
    }

    public Uni<Agent> find(Mutiny.Session session, String agentId) {
        return SqlRows.first(session, "SELECT " + COLUMNS + " FROM agent WHERE agent_id = ?1", agentId)
                .map(row -> row == null ? null : toAgent(row));
    }

    public Uni<List<Agent>> list(Mutiny.Session session, Paging page) {
        return SqlRows.select(session, "SELECT " + COLUMNS + " FROM agent ORDER BY agent_id" + page.sql())
                .map(rows -> rows.stream().map(AgentDirectory::toAgent).toList());
    }

    private static final String COLUMNS = "agent_id, CAST(profile AS text) AS profile, presence, idle_since, version";

    private static Agent toAgent(Row row) {
        return new Agent(row.text("agent_id"),
                row.json("profile", AgentProfile.class),
                Presence.fromWire(row.text("presence")), row.instant("idle_since"), row.number("version"));
    }


}
