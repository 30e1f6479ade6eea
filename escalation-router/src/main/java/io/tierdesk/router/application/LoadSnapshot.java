package io.tierdesk.router.application;

import static io.tierdesk.eventing.store.SqlTime.instant;

import io.smallrye.mutiny.Uni;
import io.tierdesk.events.routing.Tier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The lines' queues and their agents' load, read together: what the gauges publish, what supervisors query. Only
 * assigned tickets count as load; a line's utilisation is over its online agents.
 */
public record LoadSnapshot(Map<Tier, Line> lines, List<AgentFigures> agents) {

    public record Line(Tier tier, long waiting, Instant oldestQueuedAt, int onlineAgents, long active, long capacity) {
        public double utilisation() {
            return capacity == 0 ? 0 : (double) active / capacity;
        }
    }

    public record AgentFigures(String agentId, Tier tier, String presence, int active, int capacity) {
        public double utilisation() {
            return capacity == 0 ? 0 : (double) active / capacity;
        }
    }

    public static Uni<LoadSnapshot> read(Mutiny.Session session) {
        return session.<Object[]>createNativeQuery("SELECT tier, count(*), min(queued_at) FROM routed_ticket "
                        + "WHERE state = 'queued' GROUP BY tier").getResultList()
                .chain(queues -> session.<Object[]>createNativeQuery("SELECT a.agent_id, a.tier, a.presence, "
                                + "(SELECT count(*) FROM routed_ticket t WHERE t.assignee = a.agent_id "
                                + "AND t.state = 'assigned'), CAST(a.profile ->> 'capacity' AS int) FROM agent a "
                                + "ORDER BY a.tier, a.agent_id").getResultList()
                        .map(agents -> of(queues, agents)));
    }

    private static LoadSnapshot of(List<Object[]> queues, List<Object[]> agentRows) {
        List<AgentFigures> agents = new ArrayList<>(agentRows.size());
        Map<Tier, long[]> online = new EnumMap<>(Tier.class);
        for (Object[] r : agentRows) {
            AgentFigures a = new AgentFigures((String) r[0], Tier.valueOf((String) r[1]), (String) r[2],
                    ((Number) r[3]).intValue(), ((Number) r[4]).intValue());
            agents.add(a);
            if ("online".equals(a.presence())) {
                long[] sum = online.computeIfAbsent(a.tier(), t -> new long[3]);
                sum[0]++;
                sum[1] += a.active();
                sum[2] += a.capacity();
            }
        }
        Map<Tier, Object[]> waiting = new EnumMap<>(Tier.class);
        queues.forEach(q -> waiting.put(Tier.valueOf((String) q[0]), q));
        Map<Tier, Line> lines = new EnumMap<>(Tier.class);
        for (Tier tier : Tier.values()) {
            long[] sum = online.getOrDefault(tier, new long[3]);
            Object[] q = waiting.get(tier);
            lines.put(tier, new Line(tier, q == null ? 0 : ((Number) q[1]).longValue(), q == null ? null : instant(q[2]),
                    (int) sum[0], sum[1], sum[2]));
        }
        return new LoadSnapshot(lines, agents);
    }
}
