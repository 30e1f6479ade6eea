package io.tierdesk.router.application;

import static io.tierdesk.eventing.store.SqlTime.utc;
import io.smallrye.mutiny.Uni;
import io.tierdesk.events.EventJson;
import io.tierdesk.events.agent.AgentChanged;
import io.tierdesk.events.agent.AgentPresenceChanged;
import io.tierdesk.events.agent.AgentProfile;
import io.tierdesk.events.agent.AgentRegistered;
import io.tierdesk.events.agent.Presence;
import io.tierdesk.eventing.api.ProblemException;
import io.tierdesk.eventing.store.EventMetadata;
import io.tierdesk.eventing.store.EventStore;
import io.tierdesk.eventing.store.ExpectedVersion;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
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

    public AgentDirectory(EventStore store, Clock clock, Router router) {
        this.store = store;
        this.clock = clock;
        this.router = router;
    }

    /** Registers an agent or changes their profile; an unchanged profile appends nothing. */
    public Uni<Agent> put(Mutiny.Session session, String agentId, AgentProfile profile, String by) {
        Instant at = clock.instant();
        return find(session, agentId).chain(existing -> {
            if (existing == null) {
                return store.append(session, STREAM, agentId, ExpectedVersion.NO_STREAM,
                                List.of(new AgentRegistered(agentId, profile, by, at)), EventMetadata.actor(by), at)
                        .call(version -> session.createNativeMutationQuery("INSERT INTO agent (agent_id, profile, tier, "
                                        + "version, updated_at) VALUES (?1, CAST(CAST(?2 AS text) AS jsonb), ?3, ?4, ?5)")
                                .setParameter(1, agentId).setParameter(2, json(profile))
                                .setParameter(3, profile.tier().name()).setParameter(4, version)
                                .setParameter(5, utc(at)).executeUpdate())
                        .map(version -> new Agent(agentId, profile, Presence.OFFLINE, null, version));
            }
            if (existing.profile().equals(profile)) {
                return Uni.createFrom().item(existing);
            }
            return store.append(session, STREAM, agentId, existing.version(),
                            List.of(new AgentChanged(agentId, profile, by, at)), EventMetadata.actor(by), at)
                    .call(version -> session.createNativeMutationQuery("UPDATE agent SET profile = CAST(CAST(?2 AS text) "
                                    + "AS jsonb), tier = ?3, version = ?4, updated_at = ?5 WHERE agent_id = ?1")
                            .setParameter(1, agentId).setParameter(2, json(profile))
                            .setParameter(3, profile.tier().name()).setParameter(4, version)
                            .setParameter(5, utc(at)).executeUpdate())
                    .call(version -> router.fill(session, agentId, profile.tier()))
                    .map(version -> new Agent(agentId, profile, existing.presence(), existing.idleSince(), version));
        });
    }

    /** Online, away or offline. Coming online starts the idle clock if the agent had none. */
    public Uni<Agent> setPresence(Mutiny.Session session, String agentId, Presence presence, String by) {
        Instant at = clock.instant();
        return find(session, agentId).chain(existing -> {
            if (existing == null) {
                return Uni.createFrom().failure(new ProblemException(404, "Agent not found", "no agent " + agentId,
                        List.of()));
            }
            if (existing.presence() == presence) {
                return Uni.createFrom().item(existing);
            }
            Instant idleSince = presence == Presence.ONLINE && existing.idleSince() == null ? at : existing.idleSince();
            return store.append(session, STREAM, agentId, existing.version(),
                            List.of(new AgentPresenceChanged(agentId, presence, by, at)), EventMetadata.actor(by), at)
                    .call(version -> session.createNativeMutationQuery("UPDATE agent SET presence = ?2, idle_since = ?3, "
                                    + "version = ?4, updated_at = ?5 WHERE agent_id = ?1")
                            .setParameter(1, agentId).setParameter(2, presence.wireName())
                            .setParameter(3, utc(idleSince)).setParameter(4, version).setParameter(5, utc(at))
                            .executeUpdate())
                    .call(version -> presence == Presence.ONLINE
                            ? router.fill(session, agentId, existing.profile().tier()) : Uni.createFrom().voidItem())
                    .map(version -> new Agent(agentId, existing.profile(), presence, idleSince, version));
        });
    }

    public Uni<Agent> find(Mutiny.Session session, String agentId) {
        return session.<Object[]>createNativeQuery("SELECT agent_id, CAST(profile AS text), presence, idle_since, version "
                        + "FROM agent WHERE agent_id = ?1").setParameter(1, agentId).getResultList()
                .map(rows -> rows.isEmpty() ? null : toAgent(rows.get(0)));
    }

    public Uni<List<Agent>> list(Mutiny.Session session) {
        return session.<Object[]>createNativeQuery("SELECT agent_id, CAST(profile AS text), presence, idle_since, version "
                        + "FROM agent ORDER BY agent_id").getResultList()
                .map(rows -> rows.stream().map(AgentDirectory::toAgent).toList());
    }

    private static Agent toAgent(Object[] row) {
        return new Agent((String) row[0],
                EventJson.read(((String) row[1]).getBytes(StandardCharsets.UTF_8), AgentProfile.class),
                Presence.fromWire((String) row[2]),
                io.tierdesk.eventing.store.SqlTime.instant(row[3]),
                ((Number) row[4]).longValue());
    }

    private static String json(Object value) {
        return new String(EventJson.write(value), StandardCharsets.UTF_8);
    }

}
